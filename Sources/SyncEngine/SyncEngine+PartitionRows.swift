import Catalog
import FoundationEssentials
import ObjectStore
import Scope

/// What the catalog read of a partitioned run leaves in memory: only the rows whose url names
/// keys in two partitions (`a%25b`: `a%b` decoded, `a%25b` raw; rare — a `%` in a key).
struct RowRouting {
    var pending: [CatalogRecord] = []
}

/// Rows a partition must know about beyond its own file: ambiguous rows (reported there once)
/// and the keys they claim (no new row for those).
struct PartitionExtras {
    var ambiguous: [(row: IndexedRow, url: String, keys: [String])] = []
    var claims: Set<String> = []
}

extension SyncEngine {
    /// Reads the scope's rows in one stream (the same query, paging and PostgREST read contract
    /// as the in-memory sync) and spills each to the partition of its key: `r<N>` files, `misc`
    /// for foreign and unparseable urls. A row read twice (it cannot be here: one stream, one
    /// read) would still be one line per read; the classifier sees each row id once per partition.
    func readIntoPartitions(
        _ query: RecordQuery, map: PartitionMap, spill: SpillFolder, progress: (Int) -> Void
    ) async throws -> RowRouting {
        var routing = RowRouting()
        var read = 0
        for try await page in catalog.records(query) {
            try Task.checkCancellation()
            for record in page {
                read += 1
                guard case .key(let key) = mapping.resolve(record.url) else {
                    try spill.append(record, to: "misc")
                    continue
                }
                let home = map.index(of: key)
                let others = CatalogIndex.candidateKeys(record.url, mapping: mapping)
                if others.allSatisfy({ map.index(of: $0) == home }) {
                    try spill.append(record, to: "r\(home)")
                } else {
                    routing.pending.append(record)
                }
            }
            progress(read)
        }
        return routing
    }

    /// Ties each pending row to the candidate key the listing has — the rule `settle` applies
    /// (`KeyMapping.choose`) — asking each partition holding a candidate whether it was listed,
    /// then spills the row into that key's partition. Rows naming two listed keys are reported
    /// by the first one's partition and claim the others (no new row for them), as in memory.
    func settlePending(_ pending: [CatalogRecord], map: PartitionMap, spill: SpillFolder) throws -> [Int: PartitionExtras] {
        guard !pending.isEmpty else { return [:] }
        try spill.flush()
        var asked: [Int: Set<String>] = [:]
        for record in pending {
            for key in CatalogIndex.candidateKeys(record.url, mapping: mapping) { asked[map.index(of: key), default: []].insert(key) }
        }
        var listed: Set<String> = []
        for (p, keys) in asked {
            var reader = try SpillReader(path: spill.file("o\(p)"))
            while let line = try reader.next(SpilledObject.self) {
                let canonical = KeyMapping.canonicalKey(line.k)
                if keys.contains(canonical) { listed.insert(canonical) }
            }
        }
        var extras: [Int: PartitionExtras] = [:]
        for record in pending {
            let keys = CatalogIndex.candidateKeys(record.url, mapping: mapping)
            switch KeyMapping.choose(keys, found: keys.filter { listed.contains($0) }) {
            case .key(let key):
                try spill.append(record, to: "r\(map.index(of: key))")
            case .ambiguous(let found):
                let inScope = keys.contains { scope.matches(record: record, canonicalKey: $0) }
                let home = map.index(of: found[0])
                extras[home, default: PartitionExtras()].ambiguous.append((IndexedRow(record, inScope: inScope), record.url, found))
                if record.deletedAt == nil {
                    for key in found { extras[map.index(of: key), default: PartitionExtras()].claims.insert(key) }
                }
            default:
                // No candidate listed: the row names its decoded key, whose partition reads it.
                if case .key(let key) = mapping.resolve(record.url) { try spill.append(record, to: "r\(map.index(of: key))") }
            }
        }
        return extras
    }
}
