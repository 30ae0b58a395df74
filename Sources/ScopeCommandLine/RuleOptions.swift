public import ArgumentParser
public import Scope
import Synchronization

/// The inline rule flags every scoped command and `filter add`/`edit` share (no `--prefix`: a
/// command's positional PREFIX or `filter add --prefix` supplies folders).
///
/// `--include`/`--exclude` keep their command-line order across the two flags (first match wins),
/// which ArgumentParser's separate arrays would lose: each value is stamped with a process-wide
/// sequence number as it is parsed (ArgumentParser runs `transform` in argv order; a test pins it).
public struct RuleOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("type"),
        help: ArgumentHelp("Type, family or extension: application/pdf, image/*, pdf (repeatable: any).", valueName: "T"))
    public var types: [String] = []

    @Option(
        name: .customLong("include"),
        help: ArgumentHelp("Include keys matching GLOB (repeatable; with --exclude: first match wins).", valueName: "GLOB"),
        transform: { SequencedGlob(GlobRule(.include, $0)) })
    var includes: [SequencedGlob] = []

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp("Exclude keys matching GLOB (repeatable).", valueName: "GLOB"),
        transform: { SequencedGlob(GlobRule(.exclude, $0)) })
    var excludes: [SequencedGlob] = []

    @Option(
        name: .customLong("min-size"),
        help: ArgumentHelp("At least this size: 500, 10k, 5MiB, 1.5GB (k/M/G = 1024ⁿ, kB/MB/GB = 1000ⁿ).", valueName: "S"))
    public var minSize: String?

    @Option(name: .customLong("max-size"), help: ArgumentHelp("At most this size.", valueName: "S"))
    public var maxSize: String?

    @Option(
        name: .customLong("newer-than"),
        help: ArgumentHelp("Modified within an age (30m, 12h, 7d, 2w) or at/after a date (2026-01-31).", valueName: "D"))
    public var newerThan: String?

    @Option(
        name: .customLong("older-than"),
        help: ArgumentHelp("Modified longer ago than an age, or before a date.", valueName: "D"))
    public var olderThan: String?

    @Flag(name: .customLong("ignore-case"), help: "Globs given here ignore case.")
    public var ignoreCase = false

    public init() {}

    /// `--include`/`--exclude` in command-line order.
    public var globs: [GlobRule] {
        (includes + excludes).sorted { $0.sequence < $1.sequence }.map(\.rule)
    }

    /// True when no rule flag was given.
    public var isEmpty: Bool {
        types.isEmpty && includes.isEmpty && excludes.isEmpty && minSize == nil && maxSize == nil && newerThan == nil
            && olderThan == nil
    }

    /// The flags as validated rules (plus `prefixes` from the command).
    public func rules(prefixes: [String] = []) throws(ScopeError) -> FilterRules {
        try FilterRules(
            prefixes: prefixes, types: types, globs: globs, ignoreCase: ignoreCase,
            minSize: minSize.map { s throws(ScopeError) in try ByteSize.parse(s) },
            maxSize: maxSize.map { s throws(ScopeError) in try ByteSize.parse(s) },
            newerThan: newerThan.map { s throws(ScopeError) in try TimeBound(parsing: s) },
            olderThan: olderThan.map { s throws(ScopeError) in try TimeBound(parsing: s) }
        ).validated()
    }
}

/// A glob rule with the order it was parsed in.
struct SequencedGlob: Sendable {
    var rule: GlobRule
    var sequence: Int

    private static let counter = Atomic<Int>(0)

    init(_ rule: GlobRule) {
        self.rule = rule
        sequence = Self.counter.add(1, ordering: .relaxed).newValue
    }
}
