public import ArgumentParser
import Catalog
public import R2SCore

/// `catalog init` and `catalog check`: the schema commands.
public struct CatalogModule: CommandModule {
    public init() {}
    public let name = "catalog"
    public let summary = "the storage table: create and check its schema"
    public var commands: [any ParsableCommand.Type] { [] }
}
