/// Prefix arithmetic for scopes: intersections of folder unions, and S3 list covers.
enum ScopePrefixes {
    /// Intersects layers of folder prefixes (each layer a union; `[]` in a layer = everything).
    /// Returns the folders of the intersection, minimal and sorted; `[""]` = everything, `[]` = nothing.
    static func intersect(_ layers: [[String]]) -> [String] {
        var current = [""]
        for layer in layers where !layer.isEmpty {
            var next: [String] = []
            for a in current {
                for b in layer {
                    // Two folders overlap only when one contains the other; the deeper one remains.
                    if a.utf8.starts(with: b.utf8) { next.append(a) } else if b.utf8.starts(with: a.utf8) { next.append(b) }
                }
            }
            current = minimal(next)
        }
        return current
    }

    /// S3 list prefixes that cover `prefixes` whatever normalisation the stored keys use: each is
    /// cut before its first non-ASCII byte (an NFC `ç` is `c` + U+0327 in NFD; the ASCII part is
    /// the same in both forms). `matches` then refines.
    static func listCover(_ prefixes: [String]) -> [String] {
        minimal(
            prefixes.map { p in
                String(decoding: p.utf8.prefix { $0 < 0x80 }, as: UTF8.self)
            })
    }

    /// Removes duplicates and prefixes covered by a shorter one; sorts in UTF-8 byte order.
    static func minimal(_ prefixes: [String]) -> [String] {
        let sorted = Set(prefixes).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var out: [String] = []
        for p in sorted where !out.contains(where: { p.utf8.starts(with: $0.utf8) }) { out.append(p) }
        return out
    }
}
