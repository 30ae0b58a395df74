import Catalog
import FoundationEssentials
public import ObjectStore
import Scope

/// Rows whose url names more than one key (`KeyMapping.candidates`: a `%XX` read decoded or
/// literally). Each row is indexed under its decoded key as usual — packed, nothing extra kept —
/// and `settle` re-reads the candidates from the url once the listing is known.
extension CatalogIndex {
    /// The canonical candidate keys of `url`, distinct, most likely (decoded) first; one key for
    /// the common url without `%`.
    static func candidateKeys(_ url: String, mapping: KeyMapping) -> [String] {
        guard url.utf8.contains(UInt8(ascii: "%")) else { return [] }
        var keys: [String] = []
        for key in mapping.candidates(url).keys.map(KeyMapping.canonicalKey)
        where !keys.contains(where: { $0.utf8.elementsEqual(key.utf8) }) {
            keys.append(key)
        }
        return keys
    }

    /// Remembers the scope of the row's other candidates only when it differs from the decoded
    /// key's (a `%` in a folder name under a prefix scope): the exception, so the index stays small.
    mutating func noteCandidateScopes(
        _ record: CatalogRecord, primary: String, inScope: Bool, mapping: KeyMapping, scope: Scope
    ) {
        let keys = Self.candidateKeys(record.url, mapping: mapping)
        guard keys.count > 1 else { return }
        var differing: [String: Bool] = [:]
        for key in keys where !key.utf8.elementsEqual(primary.utf8) {
            let other = scope.matches(record: record, canonicalKey: key)
            if other != inScope { differing[key] = other }
        }
        if !differing.isEmpty { scopeByCandidate[record.id] = differing }
    }

    /// Ties every row to the candidate key the listing has (`KeyMapping.choose`, the rule all
    /// commands share): one listed → that key; none → its decoded key (object missing); several
    /// → `ambiguous`, never changed. Only rows whose url holds a `%` are looked at.
    public mutating func settle(against objects: ObjectIndex, mapping: KeyMapping) {
        var rekeyed = false
        var dropped: [Int] = []
        // The url r2s writes for a key of unreserved characters holds a `%` only if the base does:
        // such rows (most) have one candidate, and their urls need not be built to see it.
        let baseHasPercent = mapping.publicBase.utf8.contains(UInt8(ascii: "%"))
        for index in entries.indices {
            let entry = entries[index]
            if entry.row.storedURL == nil, !baseHasPercent, KeyMapping.spelledAlikeInEveryStyle(entry.key) { continue }
            let url = entry.row.url(key: entry.key, mapping: mapping)
            let keys = Self.candidateKeys(url, mapping: mapping)
            guard keys.count > 1 else { continue }
            let found = keys.filter { objects.contains(canonicalKey: $0) }
            switch KeyMapping.choose(keys, found: found) {
            case .key(let key) where !key.utf8.elementsEqual(entry.key.utf8):
                var row = entry.row
                row.storedURL = url  // no longer what the mapping writes for the new key
                row.inScope = scopeByCandidate[row.id]?[key] ?? row.inScope
                row.compact(key: key, mapping: mapping)
                entries[index] = Entry(key: key, row: row)
                rekeyed = true
            case .ambiguous(let keys):
                let inScope = entry.row.inScope || scopeByCandidate[entry.row.id]?.values.contains(true) == true
                var row = entry.row
                row.inScope = inScope
                ambiguous.append((row, url, keys))
                dropped.append(index)
            default:
                continue
            }
        }
        scopeByCandidate = [:]
        if !dropped.isEmpty {
            for index in dropped.reversed() { entries.remove(at: index) }
        }
        if rekeyed { markUnsorted() }
        sort()
    }

    /// Canonical keys claimed by ambiguous rows: their objects get no new row either.
    var ambiguousKeys: Set<String> {
        Set(ambiguous.filter { !$0.row.isDeleted }.flatMap(\.keys)).union(claimedKeys)
    }
}

extension ObjectIndex {
    /// Whether an object with this canonical key is listed (binary search; the index is sorted).
    public func contains(canonicalKey key: String) -> Bool {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if KeyOrder.less(entries[mid].canonicalKey, key) { low = mid + 1 } else { high = mid }
        }
        return low < entries.count && KeyOrder.same(entries[low].canonicalKey, key)
    }
}
