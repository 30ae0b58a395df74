public import Catalog

extension PostgRESTCatalog {
    /// One GET with the search as filters (`PostgRESTFilter.filters(_: URLSearch)`), ordered by
    /// id and limited to `search.limit` (at most the server's max-rows). Rows are re-checked
    /// client-side, since a literal `*` in a substring can only be approximated server-side.
    public func records(matching search: URLSearch) async throws -> [CatalogRecord] {
        guard !search.isEmpty, search.limit > 0 else { return [] }
        let pairs = PostgRESTFilter.filters(search)
            + [("select", PostgRESTJSON.select), ("order", "id.asc"), ("limit", String(min(search.limit, maxRows)))]
        let rows = try PostgRESTJSON.records(try await request("GET", endpoint + "?" + PostgRESTFilter.queryString(pairs)).body)
        return rows.filter(search.matches)
    }
}
