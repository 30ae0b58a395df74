/// RFC 3986 percent-encoding and the lenient decoding the catalog's urls need.
///
/// Kept apart from `KeyMapping` so the local-folder store's file names use the very same rules.
package enum PercentCoding {
    /// RFC 3986 §2.3 unreserved characters: `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    package static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends `%XX` (uppercase hex, as RFC 3986 §2.1 recommends) for `byte`.
    package static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "%"))
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0F)])
    }

    /// Encodes every byte except unreserved characters and those `keep` accepts.
    package static func encode(_ s: String, keeping keep: (UInt8) -> Bool = { _ in false }) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            if isUnreserved(b) || keep(b) { out.append(b) } else { appendEscape(b, to: &out) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of one hex digit, or `nil`.
    package static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Decodes a url path leniently: `%XX` becomes a byte, a `%` not followed by two hex digits
    /// stays a literal `%`, and `+` stays a plus (form-encoding's `+` = space does not apply to
    /// paths). Returns raw bytes: the caller decides what invalid UTF-8 means.
    package static func decodeLenient<S: Collection>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                let h1 = bytes.index(after: i)
                if h1 != bytes.endIndex, let hi = hexValue(bytes[h1]) {
                    let h2 = bytes.index(after: h1)
                    if h2 != bytes.endIndex, let lo = hexValue(bytes[h2]) {
                        out.append(hi << 4 | lo)
                        i = bytes.index(after: h2)
                        continue
                    }
                }
            }
            out.append(b)
            i = bytes.index(after: i)
        }
        return out
    }

    /// Validates UTF-8 and makes a String, or `nil` for invalid sequences.
    package static func string(fromUTF8 bytes: [UInt8]) -> String? {
        String(validating: bytes, as: UTF8.self)
    }
}
