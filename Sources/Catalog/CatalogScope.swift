/// How a `RecordQuery`'s content-type list reads: exact types, families (`image/*`), or any.
public enum ContentTypeFilter: Sendable, Hashable {
    /// `content_type = value`.
    case exact(String)
    /// `content_type` starts with this (`image/` for `image/*`).
    case family(String)
}

extension RecordQuery {
    /// The content-type filters, or `nil` when any type matches (empty list, or `*` / `*/*` in it).
    public var contentTypeFilters: [ContentTypeFilter]? {
        guard !contentTypes.isEmpty else { return nil }
        var out: [ContentTypeFilter] = []
        for type in contentTypes {
            if type == "*" || type == "*/*" { return nil }
            if type.hasSuffix("/*") {
                out.append(.family(String(type.dropLast())))
            } else {
                out.append(.exact(type))
            }
        }
        return out
    }

    /// True when `record` is in scope (used to re-check server-side filters client-side).
    public func matches(_ record: CatalogRecord) -> Bool {
        switch deleted {
        case .exclude: if record.deletedAt != nil { return false }
        case .only: if record.deletedAt == nil { return false }
        case .include: break
        }
        if !urlPrefixes.isEmpty, !urlPrefixes.contains(where: { record.url.utf8.starts(with: $0.utf8) }) { return false }
        if excludedURLPrefixes.contains(where: { record.url.utf8.starts(with: $0.utf8) }) { return false }
        if let filters = contentTypeFilters {
            guard let type = record.contentType else { return false }
            return filters.contains { f in
                switch f {
                case .exact(let t): type == t
                case .family(let p): type.utf8.starts(with: p.utf8)
                }
            }
        }
        return true
    }
}

/// Pattern escaping for prefix scans.
public enum CatalogPattern {
    /// A SQL `LIKE` pattern matching strings that start with `prefix`, for `LIKE … ESCAPE '\'`:
    /// `\`, `%` and `_` are escaped, then `%` is appended.
    public static func likePrefix(_ prefix: String) -> String {
        likeEscaped(prefix) + "%"
    }

    /// `\`, `%` and `_` escaped with `\` (PostgreSQL's default LIKE escape).
    public static func likeEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 4)
        for ch in text.unicodeScalars {
            if ch == "\\" || ch == "%" || ch == "_" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(ch)
        }
        return out
    }

    /// A SQLite `GLOB` pattern (case-sensitive, unlike SQLite's LIKE) matching strings that
    /// start with `prefix`: `*`, `?` and `[` are wrapped in brackets, then `*` is appended.
    public static func globPrefix(_ prefix: String) -> String {
        var out = ""
        out.reserveCapacity(prefix.utf8.count + 4)
        for ch in prefix.unicodeScalars {
            switch ch {
            case "*": out += "[*]"
            case "?": out += "[?]"
            case "[": out += "[[]"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "*"
    }
}

/// Checks done before any write, identical for every store.
public enum CatalogValidation {
    /// Refuses sizes that are negative or above the column's limit, before anything is written.
    public static func checkSize(_ size: Int64?, limit: Int64, table: CatalogTable) throws(CatalogError) {
        guard let size else { return }
        guard size >= 0 else {
            throw CatalogError.invalid("size \(size) is negative", ptBR: "tamanho \(size) é negativo")
        }
        guard size <= limit else { throw CatalogError.sizeTooLarge(size, limit: limit, table: table.name) }
    }

    /// `checkSize` for every row.
    public static func checkSizes(_ rows: [NewRecord], limit: Int64, table: CatalogTable) throws(CatalogError) {
        for row in rows { try checkSize(row.size, limit: limit, table: table) }
    }
}
