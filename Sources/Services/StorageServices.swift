public import Catalog
public import ObjectStore
public import R2SCore

/// What commands need from the active profile's storage, implemented once by the executable's
/// wiring (S3 or the local folder, PostgREST/Postgres/SQLite, `R2_PUBLIC_URL`) and handed to the
/// modules that need it (`FiltersModule(services:)`, storage, sync).
///
/// Each call builds or returns a cached object for `context.profile`; it throws a
/// `UserFacingError` when the profile lacks what is asked (no catalog configured, no public url).
public protocol StorageServices: Sendable {
    /// The profile's bucket.
    func objectStore(_ context: ShellContext) throws -> any ObjectStore
    /// The profile's file catalog.
    func catalog(_ context: ShellContext) throws -> any CatalogStore
    /// The profile's url ⇄ key mapping (`R2_PUBLIC_URL` and any alternate bases).
    func keyMapping(_ context: ShellContext) throws -> KeyMapping
}

extension ShellContext {
    /// The registered module of type `M`, so a command (a type the parser instantiates) can reach
    /// the dependencies its module was built with, without globals.
    public func module<M: CommandModule>(_ type: M.Type) -> M? {
        for module in registry.modules {
            if let m = module as? M { return m }
        }
        return nil
    }
}
