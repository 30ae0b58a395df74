public import ArgumentParser
public import EventQueue
public import R2SCore
public import Services

/// `sync` and `check`: reconcile the bucket and the `storage` catalog, safely; `sync-item`, the
/// one-change command `sync --plan` scripts are made of; and `watch`, the same rules driven by R2
/// event notifications from a queue.
public struct SyncModule: CommandModule {
    /// The active profile's bucket, catalog and url mapping.
    public let services: any StorageServices
    /// The active profile's event queue for `watch` (`nil`: `watch` says it is not available).
    public let queues: EventQueueFactory?
    /// Keys `watch` ignores whatever their events say (the trash's keys, issue 20).
    public let ignoredKey: WatchIgnoredKey

    public init(
        services: any StorageServices, queues: EventQueueFactory? = nil, ignoredKey: @escaping WatchIgnoredKey = { _ in { _ in false } }
    ) {
        self.services = services
        self.queues = queues
        self.ignoredKey = ignoredKey
    }

    public let name = "sync"
    public let summary = "reconcile the bucket and the catalog (sync, check, watch)"
    public var commands: [any ParsableCommand.Type] {
        [SyncCommand.self, CheckCommand.self, SyncItemCommand.self, WatchCommand.self]
    }

    /// The services of the `SyncModule` registered in this shell (commands are types, so they
    /// find their module's instance through the registry rather than a global).
    static func services(in context: ShellContext) throws -> any StorageServices {
        try module(in: context).services
    }

    static func module(in context: ShellContext) throws -> SyncModule {
        guard let module = context.module(SyncModule.self) else {
            throw CommandError("the sync module is not registered in this shell", status: .failure)
        }
        return module
    }
}

/// Builds the active profile's queue (the executable wires the Cloudflare one in).
public typealias EventQueueFactory = @Sendable (ShellContext) throws -> any EventQueue

/// Which keys `watch` must leave alone (e.g. the trash's): given the shell once per run, returns
/// the test for one key, so the profile's settings are read once, not once per event.
public typealias WatchIgnoredKey = @Sendable (_ context: ShellContext) -> @Sendable (_ key: String) -> Bool
