public import Catalog

extension SQLiteCatalog: CatalogDiagnostics {
    /// SQLite has no row-level security: every row is visible.
    public var bypassesRowLevelSecurity: Bool? { true }
}
