/// How the catalog spells the key part of the urls it stores (`R2S_URL_STYLE`).
///
/// Another program may write rows of the same table — the original web app does, and its sync
/// soft-deletes every active row whose url is not *exactly* the string its own `get_url(key)`
/// builds. So r2s must write the spelling that program writes, byte for byte:
///
/// - `.raw`: `base + "/" + key`, unescaped (the app's plain concatenation);
/// - `.encoded(spelling)`: percent-encoded, with the variations encoders have: which ASCII
///   punctuation stays literal (Python's `quote(key, safe='/')` keeps none, JavaScript's
///   `encodeURIComponent` keeps `!'()*`), `+` or `%20` for a space, and upper- or lowercase hex.
///   `URLStyle.r2s` is r2s's own spelling (RFC 3986: only unreserved characters and `/` literal,
///   uppercase hex), which is also what `quote(key, safe='/')` produces.
///
/// The style only changes what is *written*; `KeyMapping.resolve` reads every spelling.
public enum URLStyle: Sendable, Hashable, CustomStringConvertible {
    /// `base/key` with the key as is.
    case raw
    /// `base/` + the key percent-encoded as `EncodedSpelling` says.
    case encoded(EncodedSpelling)

    /// r2s's own spelling: RFC 3986 percent-encoding, uppercase hex, `%20` for spaces.
    public static let r2s = URLStyle.encoded(EncodedSpelling())

    /// The url path after `base/` for `key` (the key as given: never normalised, so the url
    /// names exactly the stored object).
    public func path(for key: String) -> String {
        switch self {
        case .raw: key
        case .encoded(let spelling): spelling.encode(key)
        }
    }

    /// `raw`, `encoded`, or `encoded (keeps !'()*, + for spaces)` for output and logs.
    public var description: String {
        switch self {
        case .raw: "raw"
        case .encoded(let spelling): spelling.description
        }
    }

    /// The setting's word for this style: `raw` or `encoded`.
    public var kind: String {
        switch self {
        case .raw: "raw"
        case .encoded: "encoded"
        }
    }
}

/// One percent-encoding variant: what an app's `get_url` escapes and how.
public struct EncodedSpelling: Sendable, Hashable, CustomStringConvertible {
    /// ASCII punctuation left literal besides the unreserved characters and `/`
    /// (e.g. `!'()*` for JavaScript's `encodeURIComponent`). Never holds `%`: a literal `%` would
    /// make the url undecodable.
    public var literal: Set<UInt8>
    /// A space is written `+` (form encoding, Python's `quote_plus`) instead of `%20`.
    public var spaceAsPlus: Bool
    /// Hex digits are lowercase (`%c3%a9`) instead of RFC 3986's recommended uppercase.
    public var lowercaseHex: Bool

    public init(literal: Set<UInt8> = [], spaceAsPlus: Bool = false, lowercaseHex: Bool = false) {
        self.literal = literal.filter { $0 < 0x80 && $0 != UInt8(ascii: "%") && $0 != UInt8(ascii: " ") }
        self.spaceAsPlus = spaceAsPlus
        self.lowercaseHex = lowercaseHex
    }

    /// Encodes `key` for a url path in this spelling.
    public func encode(_ key: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(key.utf8.count + 8)
        append(key, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `encode(key)`'s bytes to `out` (a url is built in one buffer, base and key).
    public func append(_ key: String, to out: inout [UInt8]) {
        _ = encode(key) { byte in
            out.append(byte)
            return true
        }
    }

    /// Whether `path` is exactly `encode(key)`, compared as it is produced (sync checks every
    /// row's url this way: no String per row).
    public func encodes(_ key: String, as path: some Sequence<UInt8>) -> Bool {
        var rest = path.makeIterator()
        return encode(key) { rest.next() == $0 } && rest.next() == nil
    }

    /// Hands each byte of `key`'s encoding to `emit`, in order, while it returns true; false when
    /// it stopped early.
    private func encode(_ key: String, _ emit: (UInt8) -> Bool) -> Bool {
        let hex = lowercaseHex ? Self.lowerHex : Self.upperHex
        for b in key.utf8 {
            if PercentCoding.isUnreserved(b) || b == UInt8(ascii: "/") || literal.contains(b) {
                guard emit(b) else { return false }
            } else if b == UInt8(ascii: " "), spaceAsPlus {
                guard emit(UInt8(ascii: "+")) else { return false }
            } else {
                guard emit(UInt8(ascii: "%")), emit(hex[Int(b >> 4)]), emit(hex[Int(b & 0x0F)]) else { return false }
            }
        }
        return true
    }

    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)

    public var description: String {
        var notes: [String] = []
        if !literal.isEmpty {
            notes.append("keeps " + String(decoding: literal.sorted(), as: UTF8.self))
        }
        if spaceAsPlus { notes.append("+ for spaces") }
        if lowercaseHex { notes.append("lowercase hex") }
        return notes.isEmpty ? "encoded" : "encoded (\(notes.joined(separator: ", ")))"
    }
}

/// The value of `R2S_URL_STYLE`.
public enum URLStyleSetting: String, Sendable, Hashable, CaseIterable {
    /// Look at the catalog's rows and write the spelling they use (`encoded` without evidence).
    case auto
    /// Always `base/key` unescaped.
    case raw
    /// Always percent-encoded (r2s's spelling, unless `auto` evidence chose a variant).
    case encoded

    /// Parses the setting (case-insensitive, surrounding blanks ignored); `nil` when unknown.
    public init?(setting: String) {
        self.init(rawValue: setting.trimmedBlanks().lowercased())
    }
}

extension String {
    /// The string without leading and trailing blanks (ObjectStore does not import Foundation).
    fileprivate func trimmedBlanks() -> String {
        let blanks: Set<Character> = [" ", "\t", "\r", "\n"]
        var s = Substring(self)
        while let f = s.first, blanks.contains(f) { s = s.dropFirst() }
        while let l = s.last, blanks.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
