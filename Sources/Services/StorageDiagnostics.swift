public import FoundationEssentials
public import R2SCore

/// Facts for `doctor` pinned by the services for every store, ahead of the stores' own
/// diagnostics facets (`ObjectStore.diagnostics`, `CatalogDiagnostics`). The production wiring
/// does not adopt it (the stores answer for themselves); test doubles do, to pin a skewed clock
/// or an RLS verdict the real servers cannot produce.
public protocol StorageDiagnostics: Sendable {
    /// The object server's clock, or `nil` to ask the store's facet.
    func serverDate(_ context: ShellContext) async throws -> Date?
    /// Whether the catalog's credentials bypass row-level security, `nil` when unknown (the
    /// catalog's own facet is then not asked).
    func catalogBypassesRowLevelSecurity(_ context: ShellContext) -> Bool?
}
