public import FoundationEssentials
public import R2SCore

/// Optional facts `doctor` uses when the services can give them (the production wiring knows the
/// endpoint and the kind of API key; an `ObjectStore` or `CatalogStore` alone does not). Services
/// that do not adopt this get those checks skipped with a note.
public protocol StorageDiagnostics: Sendable {
    /// The object server's clock (its `Date` response header), or `nil` when it cannot be read.
    func serverDate(_ context: ShellContext) async throws -> Date?
    /// Whether the catalog's credentials bypass row-level security (`true` for Supabase secret /
    /// service_role keys and direct Postgres owners), `nil` when unknown.
    func catalogBypassesRowLevelSecurity(_ context: ShellContext) -> Bool?
}
