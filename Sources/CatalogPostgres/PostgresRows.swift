import Catalog
import FoundationEssentials
import Postgres

/// Row decoding, the scope's WHERE clause and array literals for the Postgres store.
enum PostgresRows {
    /// The select list with casts that pin every column's binary format (a `varchar` url or an
    /// `int4` size still decode as text/int8).
    static let selectList =
        "id::uuid, nome::text, url::text, content_type::text, size::int8, tipo_referencia::text, referencia_id::uuid, created_at::timestamptz, updated_at::timestamptz, created_by::uuid, updated_by::uuid, deleted_at::timestamptz"

    /// Decodes every row of a binary-format result selected with `selectList`.
    static func records(_ r: QueryResult) throws -> [CatalogRecord] {
        var out: [CatalogRecord] = []
        out.reserveCapacity(r.rowCount)
        for row in 0..<r.rowCount {
            guard let id = try uuid(r, row, 0) else {
                throw PostgresError(code: .decoding, message: "row without id")
            }
            out.append(
                CatalogRecord(
                    id: id, nome: r.string(row, 1) ?? "", url: r.string(row, 2) ?? "", contentType: r.string(row, 3),
                    size: try r.integer(row, 4), tipoReferencia: r.string(row, 5), referenciaId: try uuid(r, row, 6),
                    createdAt: try date(r, row, 7), updatedAt: try date(r, row, 8), createdBy: try uuid(r, row, 9),
                    updatedBy: try uuid(r, row, 10), deletedAt: try date(r, row, 11)))
        }
        return out
    }

    static func uuid(_ r: QueryResult, _ row: Int, _ col: Int) throws -> UUID? {
        guard let b = try r.uuidBytes(row, col) else { return nil }
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    static func date(_ r: QueryResult, _ row: Int, _ col: Int) throws -> Date? {
        try r.timestampMicros(row, col).map(CatalogTimestamp.fromPostgresMicros)
    }

    /// A PostgreSQL array literal (`{"a","b",NULL}`) for one `$n::text[]`/`$n::uuid[]` parameter:
    /// every element double-quoted with `\` and `"` escaped, so any string is safe.
    static func arrayLiteral(_ items: [String?]) -> String {
        var out = "{"
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            guard let item else {
                out += "NULL"
                continue
            }
            out += "\""
            for ch in item.unicodeScalars {
                if ch == "\\" || ch == "\"" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
            out += "\""
        }
        return out + "}"
    }

    static func text(_ id: UUID) -> String { id.uuidString.lowercased() }
}

/// The WHERE clause of a `RecordQuery` with `$n` parameters, starting at `$1`.
struct PostgresScope: Sendable {
    let sql: String
    let parameters: [String?]

    init(_ query: RecordQuery) {
        var parts: [String] = []
        var params: [String?] = []
        func param(_ v: String) -> String {
            params.append(v)
            return "$\(params.count)"
        }
        switch query.deleted {
        case .exclude: parts.append("deleted_at IS NULL")
        case .only: parts.append("deleted_at IS NOT NULL")
        case .include: parts.append("TRUE")
        }
        if !query.urlPrefixes.isEmpty {
            // LIKE with \-escaped %, _ and \ (backslash is PostgreSQL's default LIKE escape).
            let ors = query.urlPrefixes.map { "url LIKE \(param(CatalogPattern.likePrefix($0)))" }
            parts.append("(" + ors.joined(separator: " OR ") + ")")
        }
        for excluded in query.excludedURLPrefixes {
            parts.append("url NOT LIKE \(param(CatalogPattern.likePrefix(excluded)))")
        }
        if let filters = query.contentTypeFilters {
            var ors: [String] = []
            for f in filters {
                switch f {
                case .exact(let t): ors.append("content_type = \(param(t))")
                case .family(let p): ors.append("content_type LIKE \(param(CatalogPattern.likePrefix(p)))")
                }
            }
            parts.append("(" + ors.joined(separator: " OR ") + ")")
        }
        sql = parts.joined(separator: " AND ")
        parameters = params
    }
}
