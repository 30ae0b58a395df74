import ObjectStore

/// Decoding for ListObjectsV2 responses requested with `encoding-type=url`.
///
/// There the server form-encodes `Key`, `Prefix`, `StartAfter`, `Delimiter` and `NextMarker`:
/// `+` means space (SeaweedFS writes spaces as `+`, AWS as `%20`; a real `+` arrives as `%2B`).
/// Do not use this for object URLs, where `+` is a literal plus.
enum FormDecoding {
    /// Percent-decodes `text` with `+` as space. A `%` not followed by two hex digits is kept
    /// literally (lenient: the server should never send one).
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return text }
        let b = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if c == UInt8(ascii: "%"), i + 2 < b.count,
                let hi = PercentCoding.hexValue(b[i + 1]), let lo = PercentCoding.hexValue(b[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 2
            } else {
                out.append(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
