public import ArgumentParser
public import Catalog
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

    public let catalog: Factory

    public init(catalog: @escaping Factory) {
        self.catalog = catalog
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
}

/// The `catalog` group word.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Create or check the catalog table (storage).",
        discussion: """
            EXAMPLES:
              catalog init                  create the table in an empty database
              catalog init --with-usuarios  also uuid-ossp and a minimal usuarios (dev databases)
              catalog check                 compare the live table with the expected schema
              catalog normalize-urls --to raw --dry-run   one url spelling for every row
            """,
        subcommands: [CatalogInitCommand.self, CatalogCheckCommand.self, CatalogNormalizeURLsCommand.self])
}
