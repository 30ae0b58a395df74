import Catalog
import FoundationEssentials
import ObjectStore

/// One piece of a partitioned run's spilled listing (issue 17 §2): the keys of one listed range
/// (or of a whole prefix listed one page after another), in strictly increasing byte order, all
/// of them NFC. Read in `(prefix, after)` order the pieces are the whole sorted listing: ranges
/// tile the key space of their prefix and the prefixes are disjoint and sorted.
struct ListedSegment: Sendable {
    /// Index of the listed prefix (`SyncEngine.listPrefixes` order).
    var prefix: Int
    /// The range's exclusive lower bound; nil for the start of the prefix.
    var after: String?
    /// File name in the run's folder.
    var file: String
    /// Keys in the file.
    var count: Int

    /// Key order of the pieces: by prefix, then by lower bound (the start first).
    static func ordered(_ a: ListedSegment, _ b: ListedSegment) -> Bool {
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        guard let bAfter = b.after else { return false }
        guard let aAfter = a.after else { return true }
        return KeyOrder.less(aAfter, bAfter)
    }

    /// Calls `body` with every spilled object of `segments` (already ordered), in key order, as
    /// `T` (`SpilledObject`, or `SpilledKey` when only the key is needed); with `removing`,
    /// each file is deleted once read.
    static func forEach<T: Spillable>(
        _ segments: [ListedSegment], in folder: String, as type: T.Type, removing: Bool = false,
        _ body: (T) async throws -> Void
    ) async throws {
        for segment in segments {
            var reader = try SpillReader(path: folder + "/" + segment.file)
            while let object = try reader.next(T.self) { try await body(object) }
            if removing { SpillFolder.remove(folder + "/" + segment.file) }
        }
    }
}

/// Only the key of a spilled object (its first field; the rest of the record is skipped): the
/// passes that look for bounds or candidate keys need nothing else.
struct SpilledKey: Spillable {
    var k: String

    func spill(into out: inout SpillEncoder) { out.string(k) }
    init(from input: inout SpillDecoder) throws { k = try input.string() }
}

/// A row held back by the partitioned run because it names two listed keys (ambiguous): it is
/// reported by the first key's partition, spilled to that partition's `a<N>` file until then.
struct SpilledAmbiguity: Spillable {
    var record: CatalogRecord
    var inScope: Bool
    var keys: [String]

    init(record: CatalogRecord, inScope: Bool, keys: [String]) {
        self.record = record
        self.inScope = inScope
        self.keys = keys
    }

    func spill(into out: inout SpillEncoder) {
        record.spill(into: &out)
        out.bool(inScope)
        out.int32(UInt32(keys.count))
        for key in keys { out.string(key) }
    }

    init(from input: inout SpillDecoder) throws {
        record = try CatalogRecord(from: &input)
        inScope = try input.bool()
        let count = Int(try input.int32())
        keys = []
        for _ in 0..<min(count, 64) { keys.append(try input.string()) }
    }
}

/// A key a row claims (a listed key an ambiguous row names: no new row for it), spilled to the
/// key's partition's `c<N>` file.
struct SpilledClaim: Spillable {
    var key: String

    func spill(into out: inout SpillEncoder) { out.string(key) }
    init(key: String) { self.key = key }
    init(from input: inout SpillDecoder) throws { key = try input.string() }
}
