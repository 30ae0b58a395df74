import Catalog
import FoundationEssentials
import ObjectStore
import Scope

extension SyncEngine {
    /// Routes the catalog rows read beside the listing (the unrouted `rows` file) once the
    /// partition bounds are known: each row to the partition of the key its url names (`r<N>`),
    /// foreign and unparseable urls to `misc`, rows whose candidate keys (`a%25b`: `a%b`
    /// decoded, `a%25b` raw; NFC/NFD) fall in two partitions to `pending`. Nothing is held in
    /// memory: a catalog full of such urls costs disk, not memory.
    func routeRows(map: PartitionMap, spill: SpillFolder) throws -> (rows: Int, pending: Int) {
        var reader = try SpillReader(path: spill.file("rows"))
        var rows = 0, pending = 0
        while let record = try reader.next(CatalogRecord.self) {
            rows += 1
            guard case .key(let key) = mapping.resolve(record.url) else {
                try spill.append(record, to: "misc")
                continue
            }
            let home = map.index(of: key)
            // No `%`: no candidates (the common case, nothing to build); else all in one partition.
            if CatalogIndex.candidateKeys(record.url, mapping: mapping).allSatisfy({ map.index(of: $0) == home }) {
                try spill.append(record, to: "r\(home)")
            } else {
                try spill.append(record, to: "pending")
                pending += 1
            }
        }
        spill.remove("rows")
        return (rows, pending)
    }

    /// Ties each pending row to the candidate key the listing has — the rule `settle` applies
    /// (`KeyMapping.choose`) — then spills the row into that key's partition. Rows naming two
    /// listed keys go to the first one's `a<N>` file (reported there) and claim the others
    /// (`c<N>`: no new row for them), as in memory.
    ///
    /// At most `batch` pending rows are in memory at a time; each batch reads the listing once to
    /// learn which of its candidate keys were listed. Returns the most rows held at once.
    func settlePending(
        map: PartitionMap, segments: [ListedSegment], spill: SpillFolder, batch: Int
    ) async throws -> Int {
        try spill.flush()
        var reader = try SpillReader(path: spill.file("pending"))
        var held: [CatalogRecord] = []
        var most = 0
        while true {
            let record = try reader.next(CatalogRecord.self)
            if let record { held.append(record) }
            if held.count >= batch || (record == nil && !held.isEmpty) {
                most = max(most, held.count)
                try await settle(held, map: map, segments: segments, spill: spill)
                held.removeAll(keepingCapacity: true)
            }
            if record == nil { break }
        }
        spill.remove("pending")
        return most
    }

    private func settle(_ pending: [CatalogRecord], map: PartitionMap, segments: [ListedSegment], spill: SpillFolder) async throws {
        try spill.flush()
        var asked: Set<String> = []
        var partitions: Set<Int> = []
        for record in pending {
            for key in CatalogIndex.candidateKeys(record.url, mapping: mapping) {
                asked.insert(key)
                partitions.insert(map.index(of: key))
            }
        }
        var listed: Set<String> = []
        try await ListedSegment.forEach(segments, in: spill.path, as: SpilledKey.self) { object in
            if asked.contains(object.k) { listed.insert(object.k) }
        }
        for p in partitions {  // NFD (irregular) keys, routed by their canonical key
            var irregular = try SpillReader(path: spill.file("o\(p)"))
            while let line = try irregular.next(SpilledObject.self) {
                let canonical = KeyMapping.canonicalKey(line.k)
                if asked.contains(canonical) { listed.insert(canonical) }
            }
        }
        for record in pending {
            let keys = CatalogIndex.candidateKeys(record.url, mapping: mapping)
            switch KeyMapping.choose(keys, found: keys.filter { listed.contains($0) }) {
            case .key(let key):
                try spill.append(record, to: "r\(map.index(of: key))")
            case .ambiguous(let found):
                let inScope = keys.contains { scope.matches(record: record, canonicalKey: $0) }
                try spill.append(SpilledAmbiguity(record: record, inScope: inScope, keys: found), to: "a\(map.index(of: found[0]))")
                if record.deletedAt == nil {
                    for key in found { try spill.append(SpilledClaim(key: key), to: "c\(map.index(of: key))") }
                }
            default:
                // No candidate listed: the row names its decoded key, whose partition reads it.
                if case .key(let key) = mapping.resolve(record.url) { try spill.append(record, to: "r\(map.index(of: key))") }
            }
        }
    }

    /// The catalog side of partition `p`: its routed rows, the ambiguous rows it reports and the
    /// keys other partitions' ambiguous rows claim; the files are removed once read.
    func partitionRows(_ p: Int, spill: SpillFolder) throws -> CatalogIndex {
        var rows = CatalogIndex()
        var reader = try SpillReader(path: spill.file("r\(p)"))
        while let record = try reader.next(CatalogRecord.self) { rows.add(record, mapping: mapping, scope: scope) }
        var ambiguous = try SpillReader(path: spill.file("a\(p)"))
        while let line = try ambiguous.next(SpilledAmbiguity.self) {
            rows.ambiguous.append((IndexedRow(line.record, inScope: line.inScope), line.record.url, line.keys))
        }
        var claims = try SpillReader(path: spill.file("c\(p)"))
        while let line = try claims.next(SpilledClaim.self) { rows.claimedKeys.insert(line.key) }
        for name in ["r\(p)", "a\(p)", "c\(p)"] { spill.remove(name) }
        rows.sort()
        return rows
    }
}
