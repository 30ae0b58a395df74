/// SigV4's `UriEncode`: every byte of the UTF-8 form except `A–Z a–z 0–9 - . _ ~` becomes
/// `%XX` with upper-case hex (space is `%20`, never `+`).
///
/// Written by hand on purpose: platform URL encoders keep characters such as `+`, `=`, `:` or
/// `!` that S3 requires encoded, and that mismatch gives SignatureDoesNotMatch on real keys.
public enum URIEncoding {
    private static let hex = Array("0123456789ABCDEF".utf8)

    static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// Encodes `text`; `/` is kept when `keepSlash` (object key paths), encoded otherwise.
    public static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            if isUnreserved(b) || (keepSlash && b == UInt8(ascii: "/")) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An S3 path: each segment encoded once, `/` kept, nothing normalised (`//`, `.` and `..`
    /// segments survive, as S3 keys may contain them).
    public static func encodePath(_ rawPath: String) -> String {
        let encoded = encode(rawPath, keepSlash: true)
        return encoded.hasPrefix("/") ? encoded : "/" + encoded
    }
}
