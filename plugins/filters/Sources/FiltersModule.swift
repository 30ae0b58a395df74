public import ArgumentParser
public import R2SCore
public import Services
import Scope
import ScopeCommandLine

/// Named, reusable filters (issue 7): `filter add/ls/show/rm/edit/test`.
///
/// Filters live per profile in `<XDG config>/r2s/filters/<profile>.json` (see `FilterStore`);
/// other modules take the same rules inline through `ScopeOptions`. Only `filter test` touches
/// storage, through the `StorageServices` the executable passes in.
public struct FiltersModule: CommandModule {
    /// Storage for `filter test`; `nil` when the executable has none to offer (the other
    /// subcommands work without it).
    public let services: (any StorageServices)?

    public init(services: (any StorageServices)? = nil) {
        self.services = services
    }

    public let name = "filters"
    public let summary = "named, reusable filters for ls, find, du, sync and check"
    public var commands: [any ParsableCommand.Type] { [FilterCommand.self] }
}

/// The `filter` group word.
struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Manage named filters (scopes) for ls, find, du, sync and check.",
        discussion: """
            A filter is a saved set of rules: folders (--prefix), types (--type), include/exclude
            globs, sizes and ages. Commands that take a scope accept --filter NAME plus the same
            inline flags, which narrow the filter. Semantics: docs/filters.md.

            EXAMPLES:
              filter add pdfs --prefix fichas --type pdf --description "PDFs das fichas"
              filter add fotos-recentes --type 'image/*' --newer-than 7d
              filter ls
              filter test pdfs --limit 10
              sync --filter pdfs --dry-run
            """,
        subcommands: [
            FilterAddCommand.self, FilterListCommand.self, FilterShowCommand.self, FilterRemoveCommand.self,
            FilterEditCommand.self, FilterTestCommand.self,
        ])
}

/// TAB completion of a filter NAME argument, shared by the subcommands that take one.
enum FilterNameCompletion {
    static func complete(_ request: CompletionRequest, in context: ShellContext) -> [String] {
        guard request.option == nil, request.previousWords.isEmpty else { return [] }
        return FilterStore(context: context).names().filter { $0.hasPrefix(request.prefix) }
    }
}
