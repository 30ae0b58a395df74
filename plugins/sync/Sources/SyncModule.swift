public import ArgumentParser
public import R2SCore
public import Services

/// `sync` and `check`: reconcile the bucket and the `storage` catalog, safely; and `sync-item`,
/// the one-change command `sync --plan` scripts are made of.
public struct SyncModule: CommandModule {
    /// The active profile's bucket, catalog and url mapping.
    public let services: any StorageServices

    public init(services: any StorageServices) {
        self.services = services
    }

    public let name = "sync"
    public let summary = "reconcile the bucket and the catalog (sync, check)"
    public var commands: [any ParsableCommand.Type] { [SyncCommand.self, CheckCommand.self, SyncItemCommand.self] }

    /// The services of the `SyncModule` registered in this shell (commands are types, so they
    /// find their module's instance through the registry rather than a global).
    static func services(in context: ShellContext) throws -> any StorageServices {
        guard let module = context.module(SyncModule.self) else {
            throw CommandError("the sync module is not registered in this shell", status: .failure)
        }
        return module.services
    }
}
