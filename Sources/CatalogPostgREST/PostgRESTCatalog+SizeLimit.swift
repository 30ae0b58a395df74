import Catalog

extension PostgRESTCatalog {
    /// From the OpenAPI column formats (as `checkSchema` does), without its duplicate-url check,
    /// which over PostgREST reads every row of the table (minutes and hundreds of MB at 1M rows).
    public func sizeColumnLimit() async throws -> Int64? {
        guard try await tableExists() else { return nil }
        return try await sizeLimit() ?? Int64(Int32.max)
    }
}
