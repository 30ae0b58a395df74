import Catalog

extension PostgresCatalog {
    /// From the column's type alone (one catalog lookup, cached): `upload` asks before every
    /// run, and `checkSchema`'s duplicate-url check is a GROUP BY over the whole table.
    public func sizeColumnLimit() async throws -> Int64? {
        do {
            return try await sizeLimit()
        } catch let error as CatalogError where error.code == .tableMissing {
            return nil
        }
    }
}
