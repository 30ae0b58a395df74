/// What one stored url's key part (the text after `base/`) says about the style that wrote it.
public enum URLSpelling: String, Sendable, Hashable, CaseIterable {
    /// Only unreserved ASCII and `/`: every style writes it the same way (no evidence).
    case plain
    /// Holds characters no encoder leaves literal (a space, non-ASCII, `"`, `<`, `%` not starting
    /// an escape …): written unescaped, by plain concatenation.
    case raw
    /// Holds `%XX` escapes and nothing raw: written by an encoder.
    case encoded
    /// Only punctuation that both raw writers and some encoders leave literal (`+`, `!`, `(` …):
    /// no evidence either way.
    case ambiguous

    /// Classifies the key part of a url.
    public init(path: some Collection<UInt8>) {
        var escapes = false, punctuation = false
        var i = path.startIndex
        while i != path.endIndex {
            let b = path[i]
            if b == UInt8(ascii: "%") {
                let h1 = path.index(after: i)
                guard h1 != path.endIndex, PercentCoding.hexValue(path[h1]) != nil else { self = .raw; return }
                let h2 = path.index(after: h1)
                guard h2 != path.endIndex, PercentCoding.hexValue(path[h2]) != nil else { self = .raw; return }
                escapes = true
                i = path.index(after: h2)
                continue
            }
            if Self.neverLiteral(b) { self = .raw; return }
            if !PercentCoding.isUnreserved(b), b != UInt8(ascii: "/") { punctuation = true }
            i = path.index(after: i)
        }
        self = escapes ? .encoded : punctuation ? .ambiguous : .plain
    }

    /// The ASCII characters whose presence can make a url's spelling `raw` or `encoded`: `%`
    /// (an escape, or a raw percent), the space and RFC 3986's excluded characters. With
    /// "any character outside printable ASCII" (controls, DEL, non-ASCII) they find every
    /// decisive row — the targeted query of `R2S_URL_STYLE=auto`.
    public static let evidenceSubstrings = ["%", " ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}"]

    /// Bytes an encoder always escapes: controls, space, non-ASCII and RFC 3986's excluded
    /// characters (`"<>\^`{|}`). Seeing one literally means the url was not encoded.
    static func neverLiteral(_ b: UInt8) -> Bool {
        b <= 0x20 || b >= 0x7F || "\"<>\\^`{|}".utf8.contains(b)
    }
}

/// Accumulates the spellings of many stored urls and infers the style that wrote them (the
/// `auto` value of `R2S_URL_STYLE`, and `catalog check`'s report).
public struct URLStyleEvidence: Sendable, Hashable {
    /// Rows per spelling.
    public private(set) var counts: [URLSpelling: Int] = [:]
    /// ASCII punctuation seen escaped (`%2B`) in encoded urls.
    private var escaped: Set<UInt8> = []
    /// ASCII punctuation seen literal in encoded urls.
    private var literal: Set<UInt8> = []
    private var sawPercent20 = false
    private var sawPlus = false
    private var sawUpperHex = false
    private var sawLowerHex = false

    public init() {}

    /// Rows whose spelling says how keys that need escaping are written (raw or encoded).
    public var decisiveRows: Int { counts[.raw, default: 0] + counts[.encoded, default: 0] }

    /// Raw and encoded rows both present: another writer (or an older r2s) used another style.
    public var isMixed: Bool {
        counts[.raw, default: 0] > 0 && counts[.encoded, default: 0] > 0 || sawUpperHex && sawLowerHex
    }

    /// Adds one url's key part (the bytes after `base/`).
    public mutating func add(path: some Collection<UInt8>) {
        let spelling = URLSpelling(path: path)
        counts[spelling, default: 0] += 1
        guard spelling == .encoded else { return }
        var i = path.startIndex
        while i != path.endIndex {
            let b = path[i]
            if b == UInt8(ascii: "%") {
                let h1 = path.index(after: i), h2 = path.index(after: path.index(after: i))
                let hi = PercentCoding.hexValue(path[h1]) ?? 0, lo = PercentCoding.hexValue(path[h2]) ?? 0
                for h in [path[h1], path[h2]] {
                    if (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(h) { sawUpperHex = true }
                    if (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(h) { sawLowerHex = true }
                }
                let byte = hi << 4 | lo
                if byte == UInt8(ascii: " ") { sawPercent20 = true }
                if byte < 0x80, !PercentCoding.isUnreserved(byte), byte != UInt8(ascii: "/") { escaped.insert(byte) }
                i = path.index(after: h2)
                continue
            }
            if b == UInt8(ascii: "+") { sawPlus = true }
            if !PercentCoding.isUnreserved(b), b != UInt8(ascii: "/") { literal.insert(b) }
            i = path.index(after: i)
        }
    }

    /// Merges another accumulator (pages read separately).
    public mutating func merge(_ other: URLStyleEvidence) {
        for (k, v) in other.counts { counts[k, default: 0] += v }
        escaped.formUnion(other.escaped)
        literal.formUnion(other.literal)
        sawPercent20 = sawPercent20 || other.sawPercent20
        sawPlus = sawPlus || other.sawPlus
        sawUpperHex = sawUpperHex || other.sawUpperHex
        sawLowerHex = sawLowerHex || other.sawLowerHex
    }

    /// The style most rows that needed escaping were written in, or `nil` without such rows.
    /// Ties go to encoded (a working link either way).
    public var inferred: URLStyle? {
        let raw = counts[.raw, default: 0], encoded = counts[.encoded, default: 0]
        if raw == 0, encoded == 0 { return nil }
        return raw > encoded ? .raw : .encoded(encodedSpelling)
    }

    /// The encoded spelling the encoded rows show (r2s's own for what they do not show):
    /// `+` for spaces only when `+` appears and `%20` never does; punctuation seen literal and
    /// never escaped stays literal; lowercase hex only when no uppercase hex appears.
    public var encodedSpelling: EncodedSpelling {
        let spaceAsPlus = sawPlus && !sawPercent20
        var keep = literal.subtracting(escaped)
        if spaceAsPlus { keep.remove(UInt8(ascii: "+")) }
        return EncodedSpelling(literal: keep, spaceAsPlus: spaceAsPlus, lowercaseHex: sawLowerHex && !sawUpperHex)
    }
}
