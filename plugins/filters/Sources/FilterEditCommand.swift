import ArgumentParser
import FoundationEssentials
import R2SCore
import Scope
import ScopeCommandLine

/// `filter edit NAME [rules…]`: replaces the kinds of rules given, keeps the others.
struct FilterEditCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a named filter: each kind of rule given replaces that kind.",
        discussion: """
            Giving --prefix replaces all prefixes; --type all types; any --include/--exclude the
            whole ordered glob list; --min-size, --max-size, --newer-than, --older-than and
            --description their own value. Other rules stay. --clear KIND removes a kind.

            EXAMPLES:
              filter edit pdfs --prefix fichas --prefix laudos
              filter edit pdfs --newer-than 30d
              filter edit pdfs --clear ages --clear sizes
              filter edit imagens --exclude 'thumbs/' --exclude '*.tmp' --case-sensitive
            """)

    /// Kinds of rules `--clear` removes.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case prefixes, types, globs, sizes, ages, description, all
    }

    @Argument(help: "The filter's name.")
    var name: String

    @Option(name: .customLong("prefix"), help: ArgumentHelp("Folders (replace all prefixes).", valueName: "P"))
    var prefixes: [String] = []

    @OptionGroup var rules: RuleOptions

    @Flag(name: .customLong("case-sensitive"), help: "Globs respect case again.")
    var caseSensitive = false

    @Option(name: .customLong("description"), help: ArgumentHelp("New description.", valueName: "TEXT"))
    var description: String?

    @Option(
        name: .customLong("clear"),
        help: ArgumentHelp("Remove a kind: prefixes, types, globs, sizes, ages, description, all.", valueName: "KIND"))
    var clear: [Kind] = []

    func validate() throws {
        if rules.ignoreCase && caseSensitive { throw ValidationError("--ignore-case and --case-sensitive contradict") }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let store = FilterStore(context: context)
        var filter = try store.require(name)
        let given = try rules.rules(prefixes: prefixes)
        guard !prefixes.isEmpty || !rules.isEmpty || rules.ignoreCase || caseSensitive || description != nil || !clear.isEmpty
        else {
            throw CommandError(LocalizedText.nothingToEdit, status: .usage)
        }
        var r = filter.rules
        for kind in clear {
            switch kind {
            case .prefixes: r.prefixes = []
            case .types: r.types = []
            case .globs: r.globs = []
            case .sizes: (r.minSize, r.maxSize) = (nil, nil)
            case .ages: (r.newerThan, r.olderThan) = (nil, nil)
            case .description: filter.description = nil
            case .all:
                r = FilterRules()
                filter.description = nil
            }
        }
        if !prefixes.isEmpty { r.prefixes = given.prefixes }
        if !given.types.isEmpty { r.types = given.types }
        if !given.globs.isEmpty { r.globs = given.globs }
        if rules.ignoreCase { r.ignoreCase = true }
        if caseSensitive { r.ignoreCase = false }
        if let v = given.minSize { r.minSize = v }
        if let v = given.maxSize { r.maxSize = v }
        if let v = given.newerThan { r.newerThan = v }
        if let v = given.olderThan { r.olderThan = v }
        if let description { filter.description = description }
        filter.rules = try r.validated()
        filter.updatedAt = Date()
        try store.replace(filter)
        context.info(.filterSaved(name, store.path))
        FilterOutput.show(filter, in: context)
        return .ok
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        if request.option == "--clear" { return Kind.allCases.map(\.rawValue).filter { $0.hasPrefix(request.prefix) } }
        return FilterNameCompletion.complete(request, in: context)
    }
}
