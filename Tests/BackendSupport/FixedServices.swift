import Backends
public import Catalog
public import FoundationEssentials
public import ObjectStore
public import R2SCore
public import Services

/// The one services double of the test targets: a fixed bucket, catalog and url mapping, and
/// optionally the facts `doctor` cannot get from the test servers (a skewed clock, an RLS
/// verdict). Left `nil`, the clock is asked of the store's own diagnostics facet, and row-level
/// security is reported unknown.
public struct FixedServices: StorageServices, StorageDiagnostics {
    public let store: any ObjectStore
    public let catalogStore: any CatalogStore
    public let mapping: KeyMapping
    public var clock: Date?
    public var bypassesRLS: Bool?

    public init(
        store: any ObjectStore, catalog: any CatalogStore, mapping: KeyMapping, clock: Date? = nil,
        bypassesRLS: Bool? = nil
    ) {
        self.store = store
        self.catalogStore = catalog
        self.mapping = mapping
        self.clock = clock
        self.bypassesRLS = bypassesRLS
        // Shells built on these services read profiles as the executable's do (the bucket a
        // `watch` consumes, the table a sync log names): through the stores' own parsers.
        ProfileDescriptions.install(BackendProfileDescriber())
    }

    public func objectStore(_ context: ShellContext) throws -> any ObjectStore { store }
    public func catalog(_ context: ShellContext) throws -> any CatalogStore { catalogStore }
    public func keyMapping(_ context: ShellContext) throws -> KeyMapping { mapping }
    public func serverDate(_ context: ShellContext) async throws -> Date? { clock }
    public func catalogBypassesRowLevelSecurity(_ context: ShellContext) -> Bool? { bypassesRLS }
}
