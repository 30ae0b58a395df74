import Catalog
import FoundationEssentials
import ObjectStore
import Scope

/// One line of `ls`: an object, a row, or both, and how they relate.
struct ListingEntry: Sendable {
    var key: String?
    var object: ObjectInfo?
    var row: CatalogRecord?
    var status: Consistency.Status
}

/// The bucket joined with the catalog, streamed: `ls` without loading either side first.
///
/// 1. The bucket listing streams page by page (≤ 1,000 keys); for each page the rows of those
///    keys are fetched by url (`records(urls:)` with every spelling of every key, in parallel
///    chunks) and the page's entries are emitted at once: ok, duplicate, no record, or
///    soft-deleted (a row deleted while its object still exists).
/// 2. Then the rows in scope stream from the catalog; those not met in step 1 are rows without
///    an object (object missing, or soft-deleted with `--deleted`), foreign urls and bad urls.
///
/// Step 0, before the listing, streams the rows in scope once and keeps only those whose url
/// spells its key in a way step 1 does not ask for (lowercase hex, `%61` for `a`, an NFD key):
/// step 1 joins them to their object too, so a key's rows are counted by the rule `check` uses
/// (every active row whose url resolves to the key) and `ls` says `duplicate` exactly when
/// `check` does (issue 12.12).
///
/// Memory: the ids of rows met in step 1, a hash per listed key (~30 bytes per entry) and the
/// oddly spelled rows, never all rows or keys.
struct ListingJoin: Sendable {
    let store: any ObjectStore
    let catalog: any CatalogStore
    let mapping: KeyMapping
    let scope: Scope
    /// Include soft-deleted rows that have no object (and extra deleted rows of live objects).
    let includeDeleted: Bool
    /// Whether step 2 is needed (skipped when only bucket-side statuses are wanted).
    let wantsCatalogSide: Bool

    /// Streams every entry to `emit`; `emit` returns false to stop early (`--limit`).
    func run(_ emit: (ListingEntry) async throws -> Bool) async throws {
        guard !scope.isEmpty else { return }  // disjoint prefixes: nothing can match on either side
        var metIDs = Set<UUID>()
        var keyHashes = Set<Int>()
        let odd = try await oddlySpelledRows()
        for prefix in scope.listPrefixes {
            for try await page in store.list(ListOptions(prefix: prefix)) {
                let objects = page.objects.filter { scope.matchesKey($0.key) }
                let rows = try await rowsByKey(objects.map(\.key))
                for object in objects {
                    let canonical = KeyMapping.canonicalKey(object.key)
                    keyHashes.insert(canonical.hashValue)
                    var mine = rows[canonical] ?? []
                    for row in odd[canonical] ?? [] where !mine.contains(where: { $0.id == row.id }) { mine.append(row) }
                    for row in mine { metIDs.insert(row.id) }
                    for entry in entries(object, mine) {
                        guard try await emit(entry) else { return }
                    }
                }
            }
        }
        guard wantsCatalogSide else { return }
        for try await page in catalog.records(in: scope, mapping: mapping, deleted: includeDeleted ? .include : .exclude) {
            for row in page where !metIDs.contains(row.id) {
                guard let entry = try await orphanEntry(row, keyHashes: keyHashes) else { continue }
                guard try await emit(entry) else { return }
            }
        }
    }

    /// The entries for one listed object and the rows of its key.
    private func entries(_ object: ObjectInfo, _ rows: [CatalogRecord]) -> [ListingEntry] {
        let active = rows.filter { !$0.isDeleted }
        let deleted = rows.filter(\.isDeleted).sorted { ($0.deletedAt ?? .distantPast) > ($1.deletedAt ?? .distantPast) }
        guard scope.matches(object: object, contentType: active.first?.contentType ?? deleted.first?.contentType) else {
            return []
        }
        let key = object.key
        if active.isEmpty {
            guard let last = deleted.first else { return [ListingEntry(key: key, object: object, status: .noRecord)] }
            // Deleted after the object's last change (`rm --keep-object`): sync leaves it out too.
            let order = last.deletedAt.map { DeletionOrder(objectModified: object.lastModified, deletedAt: $0) }
            return [ListingEntry(key: key, object: object, row: last, status: order == .objectOlder ? .keptOut : .softDeleted)]
        }
        var out = active.map {
            ListingEntry(key: key, object: object, row: $0, status: active.count > 1 ? .duplicate : .ok)
        }
        if includeDeleted { out += deleted.map { ListingEntry(key: key, object: object, row: $0, status: .softDeleted) } }
        return out
    }

    /// A row step 1 did not meet: its object is missing (or listed under another spelling).
    private func orphanEntry(_ row: CatalogRecord, keyHashes: Set<Int>) async throws -> ListingEntry? {
        // The candidate keys of the url against the listing (the hashes) confirmed by HEAD:
        // `KeyMapping.match`, the rule sync and every command share.
        var heads: [String: ObjectInfo] = [:]
        let store = self.store
        let match = try await mapping.match(row.url) { candidate in
            guard keyHashes.contains(KeyMapping.canonicalKey(candidate).hashValue),
                let object = try await store.headCanonical(candidate)
            else { return nil }
            heads[object.key] = object
            return object.key
        }
        switch match {
        case .key(let key):
            guard scope.matches(record: row, key: key) else { return nil }
            if let object = heads[key] {
                return ListingEntry(key: object.key, object: object, row: row, status: row.isDeleted ? .softDeleted : .ok)
            }
            return ListingEntry(key: key, row: row, status: row.isDeleted ? .softDeleted : .objectMissing)
        case .missing(let key):
            guard scope.matches(record: row, key: key) else { return nil }
            return ListingEntry(key: key, row: row, status: row.isDeleted ? .softDeleted : .objectMissing)
        case .ambiguous(let keys):
            guard keys.contains(where: { scope.matches(record: row, key: $0) }) else { return nil }
            return ListingEntry(row: row, status: .ambiguous)
        case .foreign:
            return scope.isUnrestricted ? ListingEntry(row: row, status: .foreign) : nil
        case .unparseable:
            return scope.isUnrestricted ? ListingEntry(row: row, status: .badURL) : nil
        }
    }

    /// Step 0: the rows in scope (active and deleted) whose url is none of the spellings
    /// `urlForms(for:)` gives for the key it resolves to, grouped by canonical key.
    private func oddlySpelledRows() async throws -> [String: [CatalogRecord]] {
        var out: [String: [CatalogRecord]] = [:]
        for try await page in catalog.records(in: scope, mapping: mapping, deleted: .include) {
            for row in page {
                guard let canonical = try await oddRowKey(row.url) else { continue }
                // Bytes, not `==`: Swift strings compare NFD and NFC as equal, the catalog does not.
                let asked = mapping.urlForms(for: canonical).contains { $0.utf8.elementsEqual(row.url.utf8) }
                if !asked { out[canonical, default: []].append(row) }
            }
        }
        return out
    }

    /// The one key an oddly spelled url joins in step 1. A url naming several keys (`caf%c3%a9`:
    /// decoded `café`, or the literal bytes) goes by the rule every command shares,
    /// `KeyMapping.match`, here against HEADs (such rows are few): the one candidate that exists.
    /// None or two existing → `nil`, settled in step 2 (object missing, or ambiguous).
    private func oddRowKey(_ url: String) async throws -> String? {
        let keys = mapping.candidates(url).keys
        let canonical = Set(keys.map(KeyMapping.canonicalKey))
        guard canonical.count > 1 else { return canonical.first }
        let store = self.store
        let match = try await mapping.match(url) { candidate in try await store.headCanonical(candidate)?.key }
        guard case .key(let key) = match else { return nil }
        return KeyMapping.canonicalKey(key)
    }

    /// The rows of `keys` grouped by canonical key: one `records(urls:)` per chunk of spellings,
    /// up to four chunks at a time.
    private func rowsByKey(_ keys: [String]) async throws -> [String: [CatalogRecord]] {
        guard !keys.isEmpty else { return [:] }
        let urls = keys.flatMap { mapping.urlForms(for: $0) }
        let chunks = stride(from: 0, to: urls.count, by: 400).map { Array(urls[$0..<min($0 + 400, urls.count)]) }
        let catalog = self.catalog
        var rows: [CatalogRecord] = []
        try await withThrowingTaskGroup(of: [CatalogRecord].self) { group in
            var next = chunks.makeIterator()
            for _ in 0..<4 {
                guard let chunk = next.next() else { break }
                group.addTask { try await catalog.records(urls: chunk) }
            }
            while let found = try await group.next() {
                rows += found
                if let chunk = next.next() { group.addTask { try await catalog.records(urls: chunk) } }
            }
        }
        // A row belongs to the candidate key this page lists (`KeyMapping.match`); a row whose
        // candidates are all elsewhere, or two of them here, is settled in step 2.
        let listed = Set(keys.map(KeyMapping.canonicalKey))
        var out: [String: [CatalogRecord]] = [:]
        var seen = Set<UUID>()
        for row in rows where seen.insert(row.id).inserted {
            let match = mapping.match(row.url) { candidate -> String? in
                let canonical = KeyMapping.canonicalKey(candidate)
                return listed.contains(canonical) ? canonical : nil
            }
            if case .key(let key) = match { out[key, default: []].append(row) }
        }
        return out
    }
}

extension CatalogStore {
    /// The rows a scope may cover (a superset to refine with `Scope.matches`); nothing at all for
    /// a scope whose prefixes cannot overlap, instead of reading the whole table to match nothing.
    func records(in scope: Scope, mapping: KeyMapping, deleted: RecordQuery.Deleted) -> AsyncThrowingStream<
        [CatalogRecord], any Error
    > {
        guard !scope.isEmpty else { return AsyncThrowingStream { $0.finish() } }
        return records(scope.recordQuery(mapping: mapping, deleted: deleted))
    }
}
