import Catalog
import ObjectStore

/// A row whose url names more than one key (`KeyMapping.candidates`): which one it is depends on
/// the listing, so it waits until both sides are read.
struct UndecidedRow: Sendable {
    var record: CatalogRecord
    /// Canonical (NFC) candidate keys, distinct, most likely first.
    var keys: [String]
    /// Whether the row is in scope under each candidate key.
    var inScope: [Bool]

    /// `nil` when the url names one key only (the common case: no `%` in it, or every reading
    /// gives the same canonical key).
    init?(_ record: CatalogRecord, mapping: any SyncKeyMapping, scope: any SyncScope) {
        guard record.url.utf8.contains(UInt8(ascii: "%")) else { return nil }
        var keys: [String] = []
        for key in mapping.candidates(record.url).keys.map(mapping.canonicalKey)
        where !keys.contains(where: { $0.utf8.elementsEqual(key.utf8) }) {
            keys.append(key)
        }
        guard keys.count > 1 else { return nil }
        self.record = record
        self.keys = keys
        inScope = keys.map { scope.matches(record: record, key: $0) }
    }
}

extension CatalogIndex {
    /// Ties every undecided row to the candidate the listing has (`KeyMapping.choose`, the rule
    /// all commands share): one listed → that key; none → the decoded key (object missing);
    /// several → `ambiguous`, never changed.
    public mutating func settle(against objects: ObjectIndex, mapping: any SyncKeyMapping) {
        guard !undecided.isEmpty else { return }
        let pending = undecided
        undecided = []
        for u in pending {
            let found = u.keys.filter { objects.contains(canonicalKey: $0) }
            switch KeyMapping.choose(u.keys, found: found) {
            case .key(let key), .missing(let key):
                let index = u.keys.firstIndex { $0.utf8.elementsEqual(key.utf8) } ?? 0
                var row = IndexedRow(u.record, inScope: u.inScope[index])
                row.compact(key: key, mapping: mapping)
                append(row, key: key)
            case .ambiguous(let keys):
                ambiguous.append((IndexedRow(u.record, inScope: u.inScope.contains(true)), u.record.url, keys))
            case .foreign, .unparseable:
                break  // not produced by `choose`
            }
        }
        sort()
    }

    /// Canonical keys claimed by ambiguous rows: their objects get no new row either.
    var ambiguousKeys: Set<String> {
        Set(ambiguous.filter { !$0.row.isDeleted }.flatMap(\.keys))
    }
}

extension ObjectIndex {
    /// Whether an object with this canonical key is listed (binary search; the index is sorted).
    public func contains(canonicalKey key: String) -> Bool {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].canonicalKey.utf8.lexicographicallyPrecedes(key.utf8) { low = mid + 1 } else { high = mid }
        }
        return low < entries.count && entries[low].canonicalKey.utf8.elementsEqual(key.utf8)
    }
}
