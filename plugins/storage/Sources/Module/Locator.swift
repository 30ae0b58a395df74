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
        guard let store else { return Located(input: input, key: input, records: sorted(try await rows(forKey: input))) }
        // A typed name finds its object whichever Unicode form either side uses, and acts on the
        // stored bytes; two stored forms of one name are ambiguous (never a guess).
        let spellings = try await store.spellings(of: input)
        if spellings.count > 1 {
            throw CommandError(.ambiguousName(input, spellings.map(\.key)), hint: .ambiguousNameHint, status: .failure)
        }
        let key = spellings.first?.key ?? input
        var rows = try await rows(forKey: key)
        if !key.utf8.elementsEqual(input.utf8) { rows = merge(rows, try await self.rows(forKey: input)) }
        return Located(input: input, key: key, records: sorted(rows))
    }

    /// The key `url` names: the candidate the bucket has, else the decoded key (object missing);
    /// `nil` for foreign and unparseable urls. Two existing candidates are an error listing both.
    private func key(of url: String, input: String) async throws -> String? {
        guard let store else {
            if case .key(let key) = mapping.resolve(url) { return key }
            return nil
        }
        switch try await mapping.match(url, exists: { try await store.spellings(of: $0).first?.key }) {
        case .key(let key), .missing(let key): return key
        case .ambiguous(let keys):
            // NFC and NFD of one name stored as two objects (a byte-exact server): the url's own
            // bytes are the exact key.
            let spelled = mapping.candidates(url).keys.first
            if let spelled, keys.contains(where: { $0.utf8.elementsEqual(spelled.utf8) }),
                Set(keys.map(KeyMapping.canonicalKey)).count == 1
            {
                return spelled
            }
            throw CommandError(.ambiguousURL(input, keys), hint: .ambiguousURLHint, status: .failure)
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
    /// The stored objects whose key is `key` in any Unicode normalization: the exact bytes by
    /// HEAD, then, for a non-ASCII key, the listing under its ASCII lead (bounded to 10 pages; a
    /// byte-exact server keeps NFC and NFD as two objects, R2 lists one). Exact match first.
    func spellings(of key: String) async throws -> [ObjectInfo] {
        var found: [ObjectInfo] = []
        if let exact = try await head(key) { found.append(exact) }
        guard key.utf8.contains(where: { $0 >= 0x80 }) else { return found }
        // The ASCII lead minus its last character: an NFD `e` + U+0301 composes with that `e`.
        let lead = String(decoding: key.utf8.prefix { $0 < 0x80 }.dropLast(), as: UTF8.self)
        let canonical = KeyMapping.canonicalKey(key)
        var pages = 0
        for try await page in list(ListOptions(prefix: lead)) {
            for object in page.objects where KeyMapping.canonicalKey(object.key).utf8.elementsEqual(canonical.utf8)
            && !found.contains(where: { $0.key.utf8.elementsEqual(object.key.utf8) }) {
                found.append(object)
            }
            pages += 1
            if pages >= 10 { break }
        }
        if found.isEmpty, let other = try await headCanonical(key) { found.append(other) }
        return found
    }

    /// HEAD of `key`, retried with the key in NFC when the typed form (say NFD from a Mac
    /// clipboard) finds nothing: R2 treats canonically equal keys as one object.
    func headCanonical(_ key: String) async throws -> ObjectInfo? {
        if let info = try await head(key) { return info }
        let canonical = KeyMapping.canonicalKey(key)
        guard !canonical.utf8.elementsEqual(key.utf8) else { return nil }
        return try await head(canonical)
    }
}
