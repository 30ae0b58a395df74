import Catalog

/// PostgREST query-string building: value quoting, percent-encoding, and a `RecordQuery` as
/// filters. Layering, innermost first: SQL LIKE escaping → PostgREST quoting → URL encoding.
enum PostgRESTFilter {
    /// Characters that end a value inside `in.(…)` lists and `or=(…)` trees (PostgREST docs,
    /// "reserved characters"): values containing them must be double-quoted.
    static let reserved: Set<Unicode.Scalar> = [",", ".", ":", "(", ")", "\""]

    /// A value for a list or a logic tree: double-quoted (with `\` and `"` escaped by `\`) when
    /// it contains a reserved character, a backslash or spaces, else as is.
    static func quoted(_ value: String) -> String {
        let needs = value.isEmpty || value.unicodeScalars.contains { reserved.contains($0) || $0 == "\\" || $0 == " " }
        guard needs else { return value }
        var out = "\""
        for ch in value.unicodeScalars {
            if ch == "\\" || ch == "\"" { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        return out + "\""
    }

    /// Percent-encodes a query component: everything but RFC 3986 unreserved characters.
    static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// A PostgREST `like` pattern for a url prefix. `%`, `_`, `\` are LIKE-escaped; PostgREST
    /// turns every `*` into `%`, so a literal `*` cannot be expressed: it becomes `_` (any one
    /// character) and the caller re-checks rows client-side (`needsClientFilter`).
    static func likePrefix(_ prefix: String) -> String {
        CatalogPattern.likeEscaped(prefix).replacing("*", with: "_") + "*"
    }

    /// The query's filters as `name=value` pairs (not yet encoded).
    static func filters(_ query: RecordQuery) -> [(String, String)] {
        var out: [(String, String)] = []
        switch query.deleted {
        case .exclude: out.append(("deleted_at", "is.null"))
        case .only: out.append(("deleted_at", "not.is.null"))
        case .include: break
        }
        if !query.urlPrefixes.isEmpty {
            let terms = query.urlPrefixes.map { "url.like." + quoted(likePrefix($0)) }
            out.append(("or", "(" + terms.joined(separator: ",") + ")"))
        }
        // A `*` cannot be said in a PostgREST pattern (it would widen the exclusion): such
        // prefixes are left out client-side only (`needsClientFilter`).
        for excluded in query.excludedURLPrefixes where !excluded.contains("*") {
            out.append(("url", "not.like." + likePrefix(excluded)))
        }
        if let types = query.contentTypeFilters {
            let terms = types.map { f -> String in
                switch f {
                case .exact(let t): "content_type.eq." + quoted(t)
                case .family(let p): "content_type.like." + quoted(likePrefix(p))
                }
            }
            // A second top-level `or` would be ambiguous: combine both under one `and`.
            if let urlOr = out.last, urlOr.0 == "or" {
                out.removeLast()
                out.append(("and", "(or" + urlOr.1 + ",or(" + terms.joined(separator: ",") + "))"))
            } else {
                out.append(("or", "(" + terms.joined(separator: ",") + ")"))
            }
        }
        return out
    }

    /// True when server-side filtering over-approximates (a literal `*` in a prefix or family).
    static func needsClientFilter(_ query: RecordQuery) -> Bool {
        (query.urlPrefixes + query.excludedURLPrefixes).contains { $0.contains("*") }
            || (query.contentTypeFilters ?? []).contains { if case .family(let p) = $0 { p.contains("*") } else { false } }
    }

    /// Joins pairs into an encoded query string.
    static func queryString(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }
}
