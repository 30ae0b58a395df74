import Catalog
import FoundationEssentials
import UserFacing
import SQLite

/// Row decoding and SQL fragments for the SQLite store.
enum SQLiteRows {
    /// Decodes a row selected with `CatalogSchema.selectList`.
    static func record(_ s: Statement) throws -> CatalogRecord {
        guard let idText = s.string(0), let id = UUID(uuidString: idText) else {
            throw corrupt("id", s.string(0))
        }
        return CatalogRecord(
            id: id, nome: s.string(1) ?? "", url: s.string(2) ?? "", contentType: s.string(3), size: s.int64(4),
            tipoReferencia: s.string(5), referenciaId: try uuid(s, 6, "referencia_id"),
            createdAt: try date(s, 7, "created_at"), updatedAt: try date(s, 8, "updated_at"),
            createdBy: try uuid(s, 9, "created_by"), updatedBy: try uuid(s, 10, "updated_by"),
            deletedAt: try date(s, 11, "deleted_at"))
    }

    static func uuid(_ s: Statement, _ i: Int32, _ column: String) throws -> UUID? {
        guard let text = s.string(i) else { return nil }
        guard let v = UUID(uuidString: text) else { throw corrupt(column, text) }
        return v
    }

    static func date(_ s: Statement, _ i: Int32, _ column: String) throws -> Date? {
        guard let text = s.string(i) else { return nil }
        guard let v = CatalogTimestamp.parse(text) else { throw corrupt(column, text) }
        return v
    }

    static func corrupt(_ column: String, _ value: String?) -> CatalogError {
        CatalogError(
            .schema,
            LocalizedText(
                en: "a row has an invalid \(column): '\((value ?? "NULL").prefix(60))'",
                ptBR: "uma linha tem \(column) inválido: '\((value ?? "NULL").prefix(60))'"),
            hint: "r2s stores uuids as text and timestamps as ISO-8601 text in SQLite; fix the row")
    }

    static func placeholders(_ n: Int) -> String {
        Array(repeating: "?", count: n).joined(separator: ", ")
    }

    /// SQLite's "now" in the format r2s stores.
    static let now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
}

/// The WHERE clause of a `RecordQuery` for SQLite, with its bound values in order.
struct SQLiteScope: Sendable {
    let sql: String
    let values: [String]

    init(_ query: RecordQuery) {
        var parts: [String] = []
        var values: [String] = []
        switch query.deleted {
        case .exclude: parts.append("deleted_at IS NULL")
        case .only: parts.append("deleted_at IS NOT NULL")
        case .include: parts.append("1")
        }
        if !query.urlPrefixes.isEmpty {
            // GLOB, not LIKE: SQLite's LIKE ignores ASCII case, and prefixes are case-sensitive.
            parts.append("(" + query.urlPrefixes.map { _ in "url GLOB ?" }.joined(separator: " OR ") + ")")
            values += query.urlPrefixes.map(CatalogPattern.globPrefix)
        }
        for excluded in query.excludedURLPrefixes {
            parts.append("url NOT GLOB ?")
            values.append(CatalogPattern.globPrefix(excluded))
        }
        if let filters = query.contentTypeFilters {
            var ors: [String] = []
            for f in filters {
                switch f {
                case .exact(let t):
                    ors.append("content_type = ?")
                    values.append(t)
                case .family(let p):
                    ors.append("content_type GLOB ?")
                    values.append(CatalogPattern.globPrefix(p))
                }
            }
            parts.append("(" + ors.joined(separator: " OR ") + ")")
        }
        sql = parts.joined(separator: " AND ")
        self.values = values
    }

    /// Binds the scope's values from parameter 1; returns the next free parameter index.
    func bind(_ s: Statement) throws -> Int32 {
        var i: Int32 = 1
        for v in values {
            try s.bind(v, at: i)
            i += 1
        }
        return i
    }
}
