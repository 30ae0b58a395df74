/// What the url style (`R2S_URL_STYLE`) needs from the mapping besides writing: a link that
/// always opens, and the key part of a stored url exactly as it is spelled.
extension KeyMapping {
    /// A working link for `key`: the primary base + the key percent-encoded (RFC 3986), whatever
    /// spelling the catalog stores (a raw url with a space or `#` does not open in a browser).
    public func link(for key: String) -> String {
        publicBase + "/" + Self.encodePath(key)
    }

    /// Whether every url style spells `key` the same way: only RFC 3986 unreserved characters
    /// (`A–Z a–z 0–9 - . _ ~`) and `/`, which no encoder the catalog may use escapes (each encodes
    /// per segment). For such keys the catalog's style needs no looking up (`upload` then skips
    /// the url-style sample, a whole-table scan on a big catalog without evidence).
    public static func spelledAlikeInEveryStyle(_ key: String) -> Bool {
        key.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E || b == 0x2F
        }
    }

    /// Whether `url` is byte for byte what `url(for: key)` writes, without writing it.
    public func isWritten(_ url: String, for key: String) -> Bool {
        let bytes = url.utf8, head = publicBase.utf8
        guard bytes.count > head.count, bytes.starts(with: head),
            bytes[bytes.index(bytes.startIndex, offsetBy: head.count)] == UInt8(ascii: "/")
        else { return false }
        let path = bytes.dropFirst(head.count + 1)
        switch writeStyle {
        case .raw: return path.elementsEqual(key.utf8)
        case .encoded(let spelling): return spelling.encodes(key, as: path)
        }
    }

    /// The same mapping writing `style`.
    public func writing(_ style: URLStyle) -> KeyMapping {
        KeyMapping(publicBase: publicBase, alternateBases: alternateBases, writeStyle: style)
    }

    /// The same mapping with more alternate bases (sync's `--url-base`), keeping the write style.
    public func adding(alternateBases more: [String]) -> KeyMapping {
        KeyMapping(publicBase: publicBase, alternateBases: alternateBases + more, writeStyle: writeStyle)
    }

    /// The bytes of `url` after `publicBase + "/"`, exactly as stored, or `nil` when the url does
    /// not start with the primary base as configured (byte for byte: the style of a row is only
    /// read, and only rewritten, under the base r2s writes).
    public func keyPart(of url: String) -> ArraySlice<UInt8>? {
        let head = Array((publicBase + "/").utf8)
        let bytes = Array(url.utf8)
        guard bytes.count > head.count, bytes.starts(with: head) else { return nil }
        return bytes[head.count...]
    }

    /// The key a stored url names, decoded according to the url's own spelling and **not**
    /// normalised (so rewriting the url never changes which stored bytes it names): a raw url's
    /// key part is the key; an encoded one is percent-decoded (`+` is a space only when
    /// `spaceAsPlus`, i.e. the catalog's encoder writes spaces as `+`). `nil` for invalid UTF-8.
    public static func storedKey(keyPart: some Collection<UInt8>, spaceAsPlus: Bool) -> String? {
        switch URLSpelling(path: keyPart) {
        case .raw, .plain:
            return String(validating: keyPart, as: UTF8.self)
        case .ambiguous where !spaceAsPlus:
            return String(validating: keyPart, as: UTF8.self)
        case .encoded, .ambiguous:
            let plus = keyPart.map { b in spaceAsPlus && b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b }
            return PercentCoding.string(fromUTF8: PercentCoding.decodeLenient(plus))
        }
    }
}
