public import Catalog
import Postgres

extension PostgresCatalog {
    /// One parameterised query: `strpos(url, $n) > 0` per substring — an exact comparison, so
    /// `%`, `_` and `\` in a substring need no LIKE escaping — and, for characters outside
    /// printable ASCII, `url ~ '[^ -~]'` (regex ranges compare code points).
    public func records(matching search: URLSearch) async throws -> [CatalogRecord] {
        guard !search.isEmpty, search.limit > 0 else { return [] }
        let scope = PostgresScope(search.scope)
        var params = scope.parameters
        var ors: [String] = []
        for text in search.substrings {
            params.append(text)
            ors.append("strpos(url, $\(params.count)) > 0")
        }
        if search.outsidePrintableASCII { ors.append("url ~ '[^ -~]'") }
        params.append(String(search.limit))
        let sql = "SELECT \(PostgresRows.selectList) FROM \(table.quoted) WHERE \(scope.sql) AND ("
            + ors.joined(separator: " OR ") + ") ORDER BY id LIMIT $\(params.count)::bigint"
        let parameters = params
        return try await access { c in try PostgresRows.records(c.execute(sql, parameters, binaryResults: true)) }
    }
}
