import ArgumentParser
import FoundationEssentials
import R2SCore
import Scope
import ScopeCommandLine

/// `filter add NAME [rules…]`
struct FilterAddCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Save a new named filter in the active profile.",
        discussion: """
            Rules of different kinds must all match; several --prefix or --type values mean any
            of them; --include/--exclude are tried in the order given and the first match wins
            (any --include excludes what no rule matched). See docs/filters.md.

            EXAMPLES:
              filter add pdfs --prefix fichas --type pdf
              filter add imagens --type 'image/*' --exclude 'thumbs/' --description "Imagens sem miniaturas"
              filter add grandes --min-size 50MiB
              filter add recentes --newer-than 7d --prefix uploads
              filter add jan --newer-than 2026-01-01 --older-than 2026-02-01
              filter add docs --include '*.{pdf,docx}' --exclude '*rascunho*' --ignore-case
            """)

    @Argument(help: "Name: letters, digits, '.', '_' or '-' (up to 64).")
    var name: String

    @Option(
        name: .customLong("prefix"),
        help: ArgumentHelp("Folder to include (`fichas` = `fichas/`, never `fichas2/`; repeatable: any).", valueName: "P"))
    var prefixes: [String] = []

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("description"), help: ArgumentHelp("What the filter is for.", valueName: "TEXT"))
    var description: String?

    func run(in context: ShellContext) async throws -> ExitStatus {
        try NamedFilter.validate(name: name)
        let filter = NamedFilter(name: name, description: description, rules: try rules.rules(prefixes: prefixes))
        let store = FilterStore(context: context)
        try store.add(filter)
        context.info(.filterSaved(name, store.path))
        FilterOutput.show(filter, in: context)
        return .ok
    }
}
