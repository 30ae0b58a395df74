public import Catalog
import Postgres

extension PostgresCatalog {
    /// One parameterised query: `strpos(url, $n) > 0` per substring — an exact comparison, so
    /// `%`, `_` and `\` in a substring need no LIKE escaping — and, for characters outside
    /// printable ASCII, `url ~ '[^ -~]'` (regex ranges compare code points).
    public func records(matching search: URLSearch) async throws -> [CatalogRecord] {
        guard !search.isEmpty, search.limit > 0 else { return [] }
        let (sql, parameters) = Self.matchingSQL(search, table: table.quoted)
        return try await access { c in try PostgresRows.records(c.execute(sql, parameters, binaryResults: true)) }
    }

    /// The statement of `records(matching:)` and its parameters.
    ///
    /// The filter runs in a subquery behind `OFFSET 0` (a planner fence), and only its matches are
    /// sorted by id. Why: the planner cannot estimate `strpos(…) > 0 OR …` and takes it to keep
    /// nearly every row, so for `ORDER BY id LIMIT n` it walked the primary key through the whole
    /// table, in id order, when nothing matched — the usual case of `R2S_URL_STYLE=auto` on a
    /// catalog of plain keys, before every sync. At 100k rows that was 153 ms against 54 ms for
    /// the scan (EXPLAIN ANALYZE, PostgreSQL 15, 2026-12-04), and it grows with the table.
    static func matchingSQL(_ search: URLSearch, table: String) -> (sql: String, parameters: [String?]) {
        let scope = PostgresScope(search.scope)
        var params = scope.parameters
        var ors: [String] = []
        for text in search.substrings {
            params.append(text)
            ors.append("strpos(url, $\(params.count)) > 0")
        }
        if search.outsidePrintableASCII { ors.append("url ~ '[^ -~]'") }
        params.append(String(search.limit))
        let sql = "SELECT * FROM (SELECT \(PostgresRows.selectList) FROM \(table) WHERE \(scope.sql) AND ("
            + ors.joined(separator: " OR ") + ") OFFSET 0) AS matched ORDER BY id LIMIT $\(params.count)::bigint"
        return (sql, params)
    }
}
