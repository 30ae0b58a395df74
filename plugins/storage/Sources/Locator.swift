import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// What a command argument `ID|KEY|URL` names, with the catalog rows it concerns.
struct Located: Sendable {
    /// What the user typed.
    var input: String
    /// The object key, `nil` when the argument is a url of another site (foreign) or a row whose
    /// url names no key.
    var key: String?
    /// The row the argument selected by id, if it was an id.
    var selectedID: UUID?
    /// Every row (active and soft-deleted) whose url spells this key, or the row with the given id.
    var records: [CatalogRecord]
    /// Why `key` is `nil` for a url (foreign / unparseable).
    var resolution: KeyMapping.Resolution?

    /// The rows a command acts on: the selected one for an id, else every row of the key.
    var targets: [CatalogRecord] {
        guard let selectedID else { return records }
        return records.filter { $0.id == selectedID }
    }
    var activeTargets: [CatalogRecord] { targets.filter { !$0.isDeleted } }
    var deletedTargets: [CatalogRecord] { targets.filter(\.isDeleted) }
}

/// Turns `ID|KEY|URL` arguments into keys and rows — the one place commands interpret them.
///
/// - A uuid that is the id of a row names that row (and its key). A uuid that is no row's id is
///   read as a key (a key may look like a uuid).
/// - Text containing `://` is a url: under the public base it names a key (both url spellings
///   are matched); otherwise it is foreign and only rows with exactly that url are found.
/// - Anything else is an object key, taken as typed (no trimming, no decoding).
struct Locator: Sendable {
    let catalog: any CatalogStore
    let mapping: KeyMapping
    /// The bucket: a url (a row's or a typed one) names the candidate key that exists there
    /// (`KeyMapping.match`, the rule sync uses against its listing). Without it, the decoded key.
    var store: (any ObjectStore)?

    func locate(_ input: String) async throws -> Located {
        if let id = UUID(uuidString: input), let row = try await catalog.record(id: id) {
            var located = Located(input: input, selectedID: id, records: [row])
            if let key = try await key(of: row.url, input: input) {
                located.key = key
                located.records = merge([row], try await catalog.records(urls: mapping.urlForms(for: key)))
            } else {
                located.resolution = mapping.resolve(row.url)
            }
            return located
        }
        if input.contains("://") {
            let resolution = mapping.resolve(input)
            if case .key = resolution, let key = try await key(of: input, input: input) {
                let rows = try await catalog.records(urls: unique(mapping.urlForms(for: key) + [input]))
                return Located(input: input, key: key, records: sorted(rows), resolution: resolution)
            }
            return Located(
                input: input, records: sorted(try await catalog.records(urls: [input])), resolution: resolution)
        }
        return Located(input: input, key: input, records: sorted(try await rows(forKey: input)))
    }

    /// The key `url` names: the candidate the bucket has, else the decoded key (object missing);
    /// `nil` for foreign and unparseable urls. Two existing candidates are an error listing both.
    private func key(of url: String, input: String) async throws -> String? {
        guard let store else {
            if case .key(let key) = mapping.resolve(url) { return key }
            return nil
        }
        switch try await mapping.match(url, exists: { try await store.headCanonical($0)?.key }) {
        case .key(let key), .missing(let key): return key
        case .ambiguous(let keys): throw CommandError(.ambiguousURL(input, keys), hint: .ambiguousURLHint, status: .failure)
        case .foreign, .unparseable: return nil
        }
    }

    /// Every row (active and deleted) whose url spells `key`, in any form and under any base.
    func rows(forKey key: String) async throws -> [CatalogRecord] {
        try await catalog.records(urls: mapping.urlForms(for: key))
    }

    private func merge(_ a: [CatalogRecord], _ b: [CatalogRecord]) -> [CatalogRecord] {
        var seen = Set<UUID>()
        return sorted((a + b).filter { seen.insert($0.id).inserted })
    }

    private func unique(_ urls: [String]) -> [String] {
        var seen = Set<[UInt8]>()
        return urls.filter { seen.insert(Array($0.utf8)).inserted }
    }

    /// Active rows first, then by creation time (oldest first).
    private func sorted(_ rows: [CatalogRecord]) -> [CatalogRecord] {
        rows.sorted { a, b in
            if a.isDeleted != b.isDeleted { return !a.isDeleted }
            return (a.createdAt ?? .distantPast) < (b.createdAt ?? .distantPast)
        }
    }
}

extension ObjectStore {
    /// HEAD of `key`, retried with the key in NFC when the typed form (say NFD from a Mac
    /// clipboard) finds nothing: R2 treats canonically equal keys as one object.
    func headCanonical(_ key: String) async throws -> ObjectInfo? {
        if let info = try await head(key) { return info }
        let canonical = KeyMapping.canonicalKey(key)
        guard !canonical.utf8.elementsEqual(key.utf8) else { return nil }
        return try await head(canonical)
    }
}
