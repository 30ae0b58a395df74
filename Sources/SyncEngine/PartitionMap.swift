/// The partitions of one partitioned run (issue 17 §2): consecutive ranges of canonical (NFC)
/// keys, each starting at the first key the listing put in it. Partition 0 holds every key
/// below the first bound; partition `i` the keys from `bounds[i - 1]` up to `bounds[i]`.
///
/// Key *ranges* work here because the catalog is read once, as a whole, and each row is routed
/// to the range of the key its url names — no url range query is needed (percent-encoding does
/// not keep key order, so a key range has no url range).
struct PartitionMap: Sendable {
    /// First canonical key of partitions 1…, strictly increasing (UTF-8 byte order).
    private(set) var bounds: [String] = []

    var count: Int { bounds.count + 1 }

    /// Opens a new partition at `key`; false (nothing changes) unless `key` is above the last bound.
    mutating func open(at key: String) -> Bool {
        if let last = bounds.last, !last.utf8.lexicographicallyPrecedes(key.utf8) { return false }
        bounds.append(key)
        return true
    }

    /// The partition of a canonical key (binary search).
    func index(of key: String) -> Int {
        var low = 0, high = bounds.count
        while low < high {
            let mid = (low + high) / 2
            if key.utf8.lexicographicallyPrecedes(bounds[mid].utf8) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
