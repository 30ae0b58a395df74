public import ArgumentParser
public import Catalog
public import ObjectStore
public import R2SCore

/// `catalog init`, `catalog check` and `catalog normalize-urls`: create, inspect and tidy the
/// `storage` table of the active profile.
///
/// The module does not know how a profile reaches its catalog (SQLite file, `DATABASE_URL`,
/// `SUPABASE_URL` + key): the executable passes a factory that builds the store for the
/// active profile; tests pass one that returns a store of their own. No singletons.
public struct CatalogModule: CommandModule {
    /// Builds the catalog store of the active profile.
    public typealias Factory = @Sendable (ShellContext) throws -> any CatalogStore

    /// The active profile's url mapping (its public base), for the url-style commands.
    public typealias MappingFactory = @Sendable (ShellContext) throws -> KeyMapping

    public let catalog: Factory
    public let mapping: MappingFactory?

    /// - Parameters:
    ///   - catalog: builds the active profile's catalog store.
    ///   - mapping: the profile's url mapping; without it the public base is `R2_PUBLIC_URL`.
    public init(catalog: @escaping Factory, mapping: MappingFactory? = nil) {
        self.catalog = catalog
        self.mapping = mapping
    }

    public let name = "catalog"
    public let summary = "the storage table: create and check its schema"
    public var commands: [any ParsableCommand.Type] { [CatalogCommand.self] }

    /// The store of the registered `CatalogModule` (commands are types, so they find their
    /// module's instance through the registry rather than a global).
    static func store(in context: ShellContext) throws -> any CatalogStore {
        guard let module = context.registry.modules.lazy.compactMap({ $0 as? CatalogModule }).first else {
            throw CommandError("the catalog module is not registered in this shell", status: .failure)
        }
        return try module.catalog(context)
    }

    /// The public base rows should be under: `--public-url`, else the profile's mapping (which
    /// knows the local profile's reserved base), else `R2_PUBLIC_URL`; `nil` when none is known.
    static func publicBase(_ explicit: String?, in context: ShellContext) throws -> String? {
        if let explicit { return explicit }
        if let module = context.registry.modules.lazy.compactMap({ $0 as? CatalogModule }).first, let mapping = module.mapping {
            return try mapping(context).publicBase
        }
        return context.profile["R2_PUBLIC_URL"]
    }
}

/// The `catalog` group word.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Create or check the catalog table (storage).",
        discussion: """
            EXAMPLES:
              catalog init                              # create the table in an empty database
              catalog init --with-usuarios              # also uuid-ossp and a minimal usuarios (dev databases)
              catalog check                             # compare the live table with the expected schema
              catalog normalize-urls --to raw --dry-run  # one url spelling for every row
            """,
        subcommands: [CatalogInitCommand.self, CatalogCheckCommand.self, CatalogNormalizeURLsCommand.self])
}
