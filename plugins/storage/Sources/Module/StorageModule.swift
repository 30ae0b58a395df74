public import ArgumentParser
public import R2SCore
public import Services

/// The `storage` module: browse, upload, download, delete, restore and inspect files, keeping the
/// bucket and the `storage` catalog consistent (`ls`, `show`, `upload`, `download`, `rm`,
/// `restore`, `mv`, `url`, `find`, `du`, `records`, `doctor`).
///
/// Its dependencies come in through the initializer (no singletons): the executable's wiring
/// builds the active profile's store, catalog and url mapping; tests pass their own.
public struct StorageModule: CommandModule {
    public let services: any StorageServices

    public init(services: any StorageServices) {
        self.services = services
    }

    public let name = "storage"
    public let summary = "files in the bucket and their catalog rows"
    public var commands: [any ParsableCommand.Type] {
        [
            LsCommand.self, ShowCommand.self, UploadCommand.self, DownloadCommand.self, RmCommand.self,
            RestoreCommand.self, MvCommand.self, URLCommand.self, FindCommand.self, DuCommand.self,
            RecordsCommand.self, DoctorCommand.self, TrashCommand.self,
        ]
    }

    /// The services of the `StorageModule` registered in this shell: commands are types the
    /// parser instantiates, so they reach their module's instance through the registry.
    static func services(in context: ShellContext) throws -> any StorageServices {
        guard let module = context.module(StorageModule.self) else {
            throw CommandError(.moduleNotRegistered, status: .failure)
        }
        return module.services
    }
}
