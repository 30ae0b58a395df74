/// Content types by file extension, and matching of types against exact or family patterns.
///
/// S3 listings carry no content type, so scopes, uploads and reports guess it from the key's
/// extension (case-insensitive); `application/octet-stream` when unknown.
public enum MediaTypes {
    /// The type of anything unknown.
    public static let defaultType = "application/octet-stream"

    /// The extension of a key's last segment, lowercased, without the dot (`"pdf"`), or `nil`.
    /// Dot-files (`.env`) and names ending in a dot have none.
    public static func fileExtension(ofKey key: String) -> String? {
        let bytes = key.utf8
        let name = bytes[(bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex)...]
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex,
            name.index(after: dot) != name.endIndex
        else { return nil }
        return String(decoding: name[name.index(after: dot)...], as: UTF8.self).lowercased()
    }

    /// The content type for an extension (`"PDF"`, `"pdf"` or `".pdf"`), or `nil` when not in the table.
    public static func type(forExtension ext: String) -> String? {
        var e = Substring(ext.lowercased())
        if e.hasPrefix(".") { e = e.dropFirst() }
        return table[String(e)]
    }

    /// The content type for a key by its extension, or `defaultType`.
    public static func type(forKey key: String) -> String {
        fileExtension(ofKey: key).flatMap { table[$0] } ?? defaultType
    }

    /// The bare, lowercased type of a header value: `Text/HTML; charset=UTF-8` → `text/html`.
    public static func essence(_ contentType: String) -> String {
        let bare = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return bare.trimmingSpaces().lowercased()
    }

    /// True when `contentType` matches `pattern`: an exact type (`application/pdf`), a family
    /// (`image/*`) or anything (`*/*`, `*`). Parameters and case are ignored on both sides.
    public static func matches(_ contentType: String, pattern: String) -> Bool {
        let type = essence(contentType)
        let p = essence(pattern)
        if p == "*" || p == "*/*" { return true }
        if p.hasSuffix("/*") {
            let family = p.dropLast(1)  // keeps the slash: "image/"
            return type.hasPrefix(family) && type.count > family.count
        }
        return type == p
    }

    /// True when `pattern` is a well-formed type or family (`type/subtype`, `type/*`, `*/*`).
    public static func isValidPattern(_ pattern: String) -> Bool {
        let p = essence(pattern)
        if p == "*" { return true }
        let parts = p.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let token: (Substring) -> Bool = { s in
            s.utf8.allSatisfy { b in PercentCoding.isUnreserved(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "!") }
        }
        return (parts[0] == "*" && parts[1] == "*") || (token(parts[0]) && (parts[1] == "*" || token(parts[1])))
    }

    /// All extensions known for a type, sorted (`image/jpeg` → `["jfif", "jpe", "jpeg", "jpg"]`).
    public static func extensions(forType contentType: String) -> [String] {
        let t = essence(contentType)
        return table.filter { $0.value == t }.map(\.key).sorted()
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
