/// What a catalog can tell `doctor` about its credentials without contacting the server.
/// Catalogs that cannot tell (a direct Postgres role may or may not bypass row-level security)
/// do not adopt it.
public protocol CatalogDiagnostics: Sendable {
    /// Whether the configured credentials bypass row-level security (`true` also for a catalog
    /// without RLS), `nil` when unknown.
    var bypassesRowLevelSecurity: Bool? { get }
}
