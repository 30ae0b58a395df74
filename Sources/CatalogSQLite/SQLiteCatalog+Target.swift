public import Catalog

extension SQLiteCatalog {
    /// The target of a SQLite catalog file, without opening it.
    public static func target(path: String, table: String) -> CatalogTarget {
        CatalogTarget(kind: "sqlite", location: path, table: table)
    }
}
