/// The first cut of a parallel listing from keys known before it starts — the catalog's own
/// statistics of its urls (`CatalogStore.urlHistogram`), turned into keys by the caller.
///
/// Why: the listing otherwise starts with one stream, and the others wait for its first page
/// to learn where to cut; they then find folders one cut at a time, and each range they make
/// ends with a page past its bound. With cuts from the catalog, every stream starts at once on
/// a share of about equal size (the catalog's rows stand for the bucket's objects); the cuts
/// while listing (`RangeBoard`) still balance what the statistics got wrong. The keys only
/// decide the balance: the ranges tile the key space whatever they are (`KeyRange`).
public enum RangeCuts {
    /// `count` ranges (or fewer) tiling the key space under `prefix`, cut at keys from `keys`
    /// spread evenly over those under `prefix` in byte order; one range when none is usable.
    public static func ranges(under prefix: String, from keys: [String], count: Int) -> [KeyRange] {
        guard count > 1 else { return [KeyRange()] }
        var own = keys.filter { $0.utf8.count > prefix.utf8.count && $0.utf8.starts(with: prefix.utf8) }
        own.sort { KeyOrder.less($0, $1) }
        var distinct: [String] = []
        for key in own where distinct.last.map({ KeyOrder.less($0, key) }) ?? true { distinct.append(key) }
        guard !distinct.isEmpty else { return [KeyRange()] }
        // count - 1 points at the quantiles i / count of the known keys.
        var points: [String] = []
        for i in 1..<count {
            let key = distinct[min(distinct.count - 1, i * distinct.count / count)]
            if points.last.map({ KeyOrder.less($0, key) }) ?? true { points.append(key) }
        }
        var ranges: [KeyRange] = []
        var after: String?
        for point in points {
            ranges.append(KeyRange(after: after, through: point))
            after = point
        }
        ranges.append(KeyRange(after: after))
        return ranges
    }
}
