public import ArgumentParser
public import Scope
public import FoundationEssentials
public import R2SCore

/// The scope flags `ls`, `find`, `du`, `sync` and `check` share: `@OptionGroup var scope: ScopeOptions`.
///
/// ```swift
/// let scope = try options.scope.resolve(prefixes: prefix.map { [$0] } ?? [], in: context)
/// for prefix in scope.listPrefixes { … store.list(ListOptions(prefix: prefix)) … scope.matches(object:) }
/// ```
/// Named filters and inline flags intersect: `--filter pdfs --newer-than 7d` is "the PDFs filter,
/// only the last week". Several `--filter`s must all match.
public struct ScopeOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("filter"),
        help: ArgumentHelp("Use the named filter (see `filter ls`; repeatable: all must match).", valueName: "NAME"))
    public var filters: [String] = []

    @OptionGroup public var rules: RuleOptions

    public init() {}

    /// True when neither a named filter nor an inline rule was given.
    public var isEmpty: Bool { filters.isEmpty && rules.isEmpty }

    /// The scope: the named filters (from `store`), then the inline flags with `prefixes` (the
    /// command's positional PREFIX, folder semantics), all intersected.
    public func resolve(prefixes: [String] = [], store: FilterStore, referenceDate: Date = Date()) throws(ScopeError)
        -> Scope
    {
        var layers: [FilterRules] = []
        for name in filters {
            // An unknown name here is a typo on the command line (2), not a failed command.
            guard let filter = try store.filter(named: name) else {
                throw ScopeError(.unknownFilter(name: name, profile: store.profile))
            }
            layers.append(filter.rules)
        }
        let inline = try rules.rules(prefixes: prefixes)
        if !inline.isEmpty { layers.append(inline) }
        return try Scope(layers: layers, filterNames: filters, referenceDate: referenceDate)
    }

    /// `resolve` with the active profile's filters.
    public func resolve(prefixes: [String] = [], in context: ShellContext, referenceDate: Date = Date())
        throws(ScopeError) -> Scope
    {
        try resolve(prefixes: prefixes, store: FilterStore(context: context), referenceDate: referenceDate)
    }

    /// TAB completion for `--filter`: the active profile's filter names starting with the typed word.
    /// Scoped commands call this from their `complete`; it returns `[]` for other options.
    public static func complete(_ request: CompletionRequest, in context: ShellContext) -> [String] {
        guard request.option == "--filter" else { return [] }
        return FilterStore(context: context).names().filter { $0.hasPrefix(request.prefix) }
    }
}
