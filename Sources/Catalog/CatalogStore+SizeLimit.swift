extension CatalogStore {
    /// Stores whose `checkSchema` is cheap (SQLite, test doubles) answer from it.
    public func sizeColumnLimit() async throws -> Int64? {
        let report = try await checkSchema()
        return report.tableExists ? report.maxSize : nil
    }
}
