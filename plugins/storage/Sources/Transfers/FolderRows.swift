import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// The active catalog rows under one destination folder, read ONCE per command by url prefix
/// (both spellings: `KeyMapping.urlPrefixes` cuts the prefix before its first character with
/// more than one spelling) instead of one `url = ANY(…)` read per batch. The app's `storage`
/// table has no index on `url`, so every read is a scan of the whole table: per batch that made
/// an upload's time grow with the catalog's size (41 s instead of 16 s at 1M rows); once per
/// folder it is one scan, whatever the number of batches. Over PostgREST it is the ordinary
/// paged `like` read (complete or it throws).
///
/// Rows are matched to keys by the exact bytes of every url form of the key (`urlForms`), as
/// the per-batch read did. The read is a snapshot taken before the first batch: a row another
/// client writes under the folder during the command is not seen (as it was not seen by a
/// batch read before it either).
struct FolderRows: Sendable {
    /// The key prefix the rows were read for (ends with `/`).
    let keyPrefix: String
    private let byURL: [[UInt8]: [CatalogRecord]]

    /// Reads the active rows under `keyPrefix`; `nil` when its url prefix would be the whole
    /// catalog (the bucket's root, or a folder whose first character has several spellings):
    /// callers then look rows up per batch, which reads only the batch's urls.
    static func read(under keyPrefix: String, catalog: any CatalogStore, mapping: KeyMapping) async throws -> FolderRows? {
        let prefixes = mapping.urlPrefixes(forKeyPrefix: keyPrefix)
        guard !keyPrefix.isEmpty, prefixes != mapping.urlPrefixes(forKeyPrefix: "") else { return nil }
        var byURL: [[UInt8]: [CatalogRecord]] = [:]
        for try await page in catalog.records(RecordQuery(deleted: .exclude, urlPrefixes: prefixes)) {
            try Task.checkCancellation()
            for row in page { byURL[Array(row.url.utf8), default: []].append(row) }
        }
        return FolderRows(keyPrefix: keyPrefix, byURL: byURL)
    }

    /// True when every url form of `key` lies under the prefix that was read.
    func covers(_ key: String) -> Bool {
        key.utf8.starts(with: keyPrefix.utf8)
    }

    /// The active rows whose url is one of `key`'s forms, oldest first.
    func rows(for key: String, mapping: KeyMapping) -> [CatalogRecord] {
        var out: [CatalogRecord] = []
        for url in mapping.urlForms(for: key) {
            out += byURL[Array(url.utf8)] ?? []
        }
        return out.sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
    }
}

extension [FolderRows] {
    /// The folder read that covers `key`, if any.
    func covering(_ key: String) -> FolderRows? {
        first { $0.covers(key) }
    }

    /// One read per distinct folder among `keyPrefixes` (a folder inside another is covered by
    /// it); folders whose read would be the whole catalog are left to the per-batch read.
    static func read(_ keyPrefixes: [String], catalog: any CatalogStore, mapping: KeyMapping) async throws -> [FolderRows] {
        let sorted = Set(keyPrefixes).sorted { $0.utf8.count < $1.utf8.count }
        var out: [FolderRows] = []
        for prefix in sorted where out.covering(prefix) == nil {
            if let rows = try await FolderRows.read(under: prefix, catalog: catalog, mapping: mapping) { out.append(rows) }
        }
        return out
    }
}
