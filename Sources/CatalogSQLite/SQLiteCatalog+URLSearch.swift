public import Catalog
import SQLite

extension SQLiteCatalog {
    /// One query: `instr(url, ?) > 0` per substring (exact and case-sensitive, unlike SQLite's
    /// LIKE) and, for characters outside printable ASCII, `GLOB '*[^ -~]*'` (GLOB compares
    /// code points, so the bracket matches one character outside space…tilde).
    public func records(matching search: URLSearch) async throws -> [CatalogRecord] {
        guard !search.isEmpty, search.limit > 0 else { return [] }
        let scope = SQLiteScope(search.scope)
        var ors = search.substrings.map { _ in "instr(url, ?) > 0" }
        if search.outsidePrintableASCII { ors.append("url GLOB '*[^ -~]*'") }
        let sql = "SELECT \(CatalogSchema.selectList) FROM \(table.quoted) WHERE \(scope.sql) AND ("
            + ors.joined(separator: " OR ") + ") ORDER BY id LIMIT ?"
        return try await access { db in
            let stmt = try db.prepare(sql)
            var index = try scope.bind(stmt)
            for text in search.substrings {
                try stmt.bind(text, at: index)
                index += 1
            }
            try stmt.bind(Int64(search.limit), at: index)
            var rows: [CatalogRecord] = []
            while try stmt.step() { rows.append(try SQLiteRows.record(stmt)) }
            return rows
        }
    }
}
