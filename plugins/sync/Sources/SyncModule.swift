public import ArgumentParser
public import Catalog
public import ObjectStore
public import R2SCore
public import SyncEngine

/// What the sync module needs from the storage layer, for the active profile. The executable
/// passes an implementation to `SyncModule.init`; tests pass fakes. No singletons.
public protocol SyncServices: Sendable {
    /// The bucket of the active profile.
    func objectStore(_ context: ShellContext) async throws -> any ObjectStore
    /// The catalog of the active profile.
    func catalog(_ context: ShellContext) async throws -> any CatalogStore
    /// The url⇄key mapping of the active profile, with `alternateBases` (`--url-base`) also resolving.
    func keyMapping(_ context: ShellContext, alternateBases: [String]) async throws -> any SyncKeyMapping
    /// Content type of a key from its extension (`nil` when unknown).
    func mediaType(forKey key: String) -> String?
}

/// `sync` and `check`: reconcile the bucket and the `storage` catalog, safely.
public struct SyncModule: CommandModule {
    public let services: any SyncServices

    public init(services: any SyncServices) {
        self.services = services
    }

    public let name = "sync"
    public let summary = "reconcile the bucket and the catalog (sync, check)"
    public var commands: [any ParsableCommand.Type] { [SyncCommand.self, CheckCommand.self, SyncItemCommand.self] }

    /// The services of the `SyncModule` registered in this shell (commands are types, so they
    /// find their module's instance through the registry rather than a global).
    static func services(in context: ShellContext) throws -> any SyncServices {
        guard let module = context.registry.modules.lazy.compactMap({ $0 as? SyncModule }).first else {
            throw CommandError("the sync module is not registered in this shell", status: .failure)
        }
        return module.services
    }
}
