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
///
/// A pinned clock is kept as its offset from this machine's clock when the services are made,
/// and `serverDate` answers with that offset applied at the time it is asked: on a loaded machine
/// `doctor` may ask a minute after the shell was built, and a fixed date would drift into a skew
/// warning the test never meant.
public struct FixedServices: StorageServices, StorageDiagnostics {
    public let store: any ObjectStore
    public let catalogStore: any CatalogStore
    public let mapping: KeyMapping
    /// The server's clock minus this machine's (seconds); `nil` when not pinned.
    public var clockOffset: TimeInterval?
    public var bypassesRLS: Bool?

    public init(
        store: any ObjectStore, catalog: any CatalogStore, mapping: KeyMapping, clock: Date? = nil,
        bypassesRLS: Bool? = nil
    ) {
        self.store = store
        self.catalogStore = catalog
        self.mapping = mapping
        self.clockOffset = clock.map { $0.timeIntervalSinceNow }
        self.bypassesRLS = bypassesRLS
        // Shells built on these services read profiles as the executable's do (the bucket a
        // `watch` consumes, the table a sync log names): through the stores' own parsers.
        ProfileDescriptions.install(BackendProfileDescriber())
    }

    public func objectStore(_ context: ShellContext) throws -> any ObjectStore { store }
    public func catalog(_ context: ShellContext) throws -> any CatalogStore { catalogStore }
    public func keyMapping(_ context: ShellContext) throws -> KeyMapping { mapping }
    public func serverDate(_ context: ShellContext) async throws -> Date? { clockOffset.map { Date().addingTimeInterval($0) } }
    public func catalogBypassesRowLevelSecurity(_ context: ShellContext) -> Bool? { bypassesRLS }
}
