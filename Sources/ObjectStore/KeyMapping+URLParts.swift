/// The three parts of an absolute url `KeyMapping` compares: scheme, authority and the rest.
///
/// Deliberately not a general url parser: everything after the authority is kept as the path,
/// `?` and `#` included, because a raw-form url may hold them as part of the key.
struct URLParts: Hashable {
    /// Lowercased scheme (`https`).
    var scheme: String
    /// Lowercased authority (`cdn.example.com`, `127.0.0.1:8333`); hosts compare case-insensitively.
    var authority: String
    /// The bytes after the authority, starting with `/` (or empty).
    var path: ArraySlice<UInt8>

    init?(_ url: String) {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
            bytes[colon...].starts(with: Array("://".utf8))
        else { return nil }
        let schemeBytes = bytes[..<colon]
        guard schemeBytes.allSatisfy({ Self.isSchemeByte($0) }) else { return nil }
        let authorityStart = colon + 3
        let authorityEnd = bytes[authorityStart...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
        guard authorityEnd > authorityStart else { return nil }
        scheme = String(decoding: schemeBytes, as: UTF8.self).lowercased()
        authority = String(decoding: bytes[authorityStart..<authorityEnd], as: UTF8.self).lowercased()
        path = bytes[authorityEnd...]
    }

    private static func isSchemeByte(_ b: UInt8) -> Bool {
        PercentCoding.isUnreserved(b) || b == UInt8(ascii: "+")
    }
}

/// A public base, parsed once: its text as configured (trailing slashes removed) and its parts.
struct BaseURL: Hashable {
    /// The base as written by the user, minus trailing slashes (used when writing urls).
    var text: String
    var scheme: String
    var authority: String
    /// The base's path, percent-decoded, without trailing slashes (`/media` or empty).
    var decodedPath: [UInt8]

    init(_ base: String) {
        var trimmed = Substring(base)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        text = String(trimmed)
        if let parts = URLParts(text) {
            scheme = parts.scheme
            authority = parts.authority
            decodedPath = PercentCoding.decodeLenient(parts.path)
        } else {
            // Not an absolute url: nothing can resolve under it (every url is then foreign),
            // but `url(for:)` still concatenates, so a misconfiguration shows in the output.
            scheme = ""
            authority = ""
            decodedPath = []
        }
    }

    static func == (a: BaseURL, b: BaseURL) -> Bool {
        a.scheme == b.scheme && a.authority == b.authority && a.decodedPath == b.decodedPath
            && (!a.scheme.isEmpty || a.text == b.text)
    }

    func hash(into h: inout Hasher) {
        h.combine(scheme)
        h.combine(authority)
        h.combine(decodedPath)
    }
}
