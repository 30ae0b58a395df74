import ArgumentParser

/// What TAB offers for the text before the cursor.
public struct CompletionResult: Sendable, Equatable {
    /// The word being completed exactly as typed (a suffix of the text before the cursor).
    public var replacing: String
    /// Full replacements for `replacing`, sorted, already quoted/escaped as needed.
    public var candidates: [String]
    /// Whether a unique candidate is a finished word (a space may follow). False for `dir/`,
    /// `--opt=` and `$VAR` inside an open quote.
    public var appendSpace: Bool

    public init(replacing: String, candidates: [String], appendSpace: Bool = true) {
        self.replacing = replacing
        self.candidates = candidates
        self.appendSpace = appendSpace
    }

    /// Nothing to offer.
    public static let none = CompletionResult(replacing: "", candidates: [], appendSpace: false)
}

/// The TAB completion engine: pure logic over the registry and the typed text, usable (and
/// tested) without a terminal.
///
/// It completes command names (compiled, run-time and reserved words), subcommands of group
/// commands, flags (read from the command's help, plus the global `--json`, `--csv`, `-q`),
/// option and positional values supplied by the command (`ShellCommand.complete`,
/// `RuntimeCommand.complete`), `$VARIABLE` names and local file paths after `source` and
/// file-like options (`-f`, `--file`, `<path>` …).
public struct Completer: Sendable {
    public let registry: CommandRegistry
    /// Where relative paths are looked up.
    public let workingDirectory: String

    public init(registry: CommandRegistry, workingDirectory: String) {
        self.registry = registry
        self.workingDirectory = workingDirectory
    }

    /// A candidate value before quoting; `terminal` is false when typing continues after it.
    struct Candidate: Hashable {
        var value: String
        var terminal: Bool = true
    }

    /// Completes the word that ends at the cursor.
    ///
    /// - Parameters:
    ///   - beforeCursor: the line's text up to the cursor.
    ///   - context: passed to the commands' own completion providers.
    ///   - variables: shell and environment variable names for `$…` completion.
    public func complete(_ beforeCursor: String, in context: ShellContext, variables: [String]) async -> CompletionResult {
        let line = CompletionTokenizer.tokenize(beforeCursor)
        guard !line.inComment else { return .none }
        let word = line.current
        let candidates = await candidates(words: line.words.map(\.value), current: word, context: context, variables: variables)
        return render(candidates, for: word)
    }

    func render(_ candidates: [Candidate], for word: CompletionTokenizer.Word) -> CompletionResult {
        var seen = Set<String>()
        var rendered: [(String, Candidate)] = []
        for candidate in candidates.sorted(by: { $0.value < $1.value }) {
            guard let text = CompletionTokenizer.render(candidate.value, continuing: word, terminal: candidate.terminal),
                seen.insert(text).inserted
            else { continue }
            rendered.append((text, candidate))
        }
        let appendSpace = rendered.count == 1 && rendered[0].1.terminal
        return CompletionResult(replacing: word.raw, candidates: rendered.map(\.0), appendSpace: appendSpace)
    }

    // MARK: - Candidate sources

    func candidates(
        words allWords: [String], current word: CompletionTokenizer.Word, context: ShellContext, variables: [String]
    ) async -> [Candidate] {
        let prefix = word.value
        if prefix.hasPrefix("$") { return variableCandidates(prefix, variables: variables, inQuote: word.openQuote != nil) }
        // `if CMD …` / `if ! CMD …` run a command: complete after the keyword as at line start.
        var words = allWords[...]
        while let first = words.first, first == "if" || first == "!" || first == "not" { words = words.dropFirst() }
        guard let command = words.first else {
            return registry.allNames.filter { $0.hasPrefix(prefix) }.map { Candidate(value: $0) }
        }
        let args = Array(words.dropFirst())
        switch command {
        case "help":
            return helpCandidates(args, prefix: prefix)
        case "source":
            return pathCandidates(prefix, context: context)
        case "set", "unset":
            return args.isEmpty ? names(variables, prefix: prefix) : []
        case "on-error":
            return args.isEmpty ? names(["stop", "continue"], prefix: prefix) : []
        default:
            break
        }
        switch registry.entry(command) {
        case .compiled(_, let type)?:
            return await compiledCandidates(type, args: args, prefix: prefix, context: context)
        case .runtime(let runtime)?:
            var out: [Candidate] = []
            if prefix.hasPrefix("-") { out += flagCandidates(OptionCatalog.globalOptions, prefix: prefix) }
            let request = CompletionRequest(previousWords: args, option: nil, prefix: prefix)
            out += names(await runtime.complete(request, in: context), prefix: prefix)
            return out
        case nil:
            return []
        }
    }

    private func compiledCandidates(
        _ root: any ParsableCommand.Type, args: [String], prefix: String, context: ShellContext
    ) async -> [Candidate] {
        // Walk down group commands (`profile show` → ProfileShow).
        var type = root
        var rest = args[...]
        while let next = rest.first, let sub = Self.subcommand(of: type, named: next) {
            type = sub
            rest = rest.dropFirst()
        }
        let options = OptionCatalog.options(of: type) + OptionCatalog.globalOptions
        let shellType = type as? any ShellCommand.Type

        // `--opt=val`
        if prefix.hasPrefix("--"), let eq = prefix.firstIndex(of: "=") {
            let name = String(prefix[..<eq])
            guard let option = OptionCatalog.find(name, in: options), option.takesValue else { return [] }
            let valuePrefix = String(prefix[prefix.index(after: eq)...])
            let values = await valueCandidates(shellType, option: option, name: name, previous: Array(rest),
                                               prefix: valuePrefix, context: context)
            return values.map { Candidate(value: name + "=" + $0.value, terminal: $0.terminal) }
        }
        if prefix.hasPrefix("-") {
            return flagCandidates(options, prefix: prefix)
        }
        // The value of the option just before the cursor.
        if let last = rest.last, last.hasPrefix("-"), !last.contains("="),
            let option = OptionCatalog.find(last, in: options), option.takesValue
        {
            return await valueCandidates(shellType, option: option, name: last, previous: Array(rest.dropLast()),
                                         prefix: prefix, context: context)
        }
        // A positional argument, or a subcommand name for a group word.
        let subcommands = type.configuration.subcommands
        if !subcommands.isEmpty, !rest.contains(where: { !$0.hasPrefix("-") }) {
            let words = subcommands.flatMap { [$0._commandName] + $0.configuration.aliases }
            return names(words, prefix: prefix)
        }
        guard let shellType else { return [] }
        let request = CompletionRequest(previousWords: Array(rest), option: nil, prefix: prefix)
        return names(await shellType.complete(request, in: context), prefix: prefix)
    }

    private func valueCandidates(
        _ shellType: (any ShellCommand.Type)?, option: OptionCatalog.Option, name: String, previous: [String],
        prefix: String, context: ShellContext
    ) async -> [Candidate] {
        var out: [Candidate] = []
        if let shellType {
            let request = CompletionRequest(previousWords: previous, option: name, prefix: prefix)
            out = names(await shellType.complete(request, in: context), prefix: prefix)
        }
        if out.isEmpty, Self.isPathOption(option) { out = pathCandidates(prefix, context: context) }
        return out
    }

    private func helpCandidates(_ args: [String], prefix: String) -> [Candidate] {
        switch args.count {
        case 0:
            return names(registry.allNames, prefix: prefix)
        case 1:
            guard case .compiled(_, let type)? = registry.entry(args[0]) else { return [] }
            return names(type.configuration.subcommands.map { $0._commandName }, prefix: prefix)
        default:
            return []
        }
    }

    private func flagCandidates(_ options: [OptionCatalog.Option], prefix: String) -> [Candidate] {
        options.flatMap(\.names).filter { $0.hasPrefix(prefix) }.map { Candidate(value: $0) }
    }

    private func variableCandidates(_ prefix: String, variables: [String], inQuote: Bool) -> [Candidate] {
        let braced = prefix.hasPrefix("${")
        let typed = prefix.dropFirst(braced ? 2 : 1)
        return variables.filter { $0.hasPrefix(typed) }.map { name in
            // Inside an open quote the word goes on after the variable: no space, no closing quote.
            Candidate(value: (braced ? "${" + name + "}" : "$" + name), terminal: !inQuote)
        }
    }

    private func pathCandidates(_ prefix: String, context: ShellContext) -> [Candidate] {
        PathCompleter.complete(prefix, workingDirectory: workingDirectory, home: context.session.environment["HOME"])
            .map { Candidate(value: $0.path, terminal: !$0.isDirectory) }
    }

    /// A command's candidates; one ending in `/` is a folder (local or a bucket prefix): no
    /// space after it, so the next TAB goes on inside the folder instead of starting a new word.
    private func names(_ words: [String], prefix: String) -> [Candidate] {
        words.filter { $0.hasPrefix(prefix) }.map { Candidate(value: $0, terminal: !$0.hasSuffix("/")) }
    }

    // MARK: - Helpers

    static func subcommand(of type: any ParsableCommand.Type, named name: String) -> (any ParsableCommand.Type)? {
        type.configuration.subcommands.first { $0._commandName == name || $0.configuration.aliases.contains(name) }
    }

    /// Options whose value is a local file: `-f`, `--file`, `--output`, `--*-file`, `--*-dir`,
    /// or a placeholder named like a path (`<file>`, `<path>`, `<dir>`).
    static func isPathOption(_ option: OptionCatalog.Option) -> Bool {
        let fileNames: Set<String> = ["-f", "--file", "-o", "--output", "--input", "--from-file", "--dir", "--directory"]
        if option.names.contains(where: { fileNames.contains($0) || $0.hasSuffix("-file") || $0.hasSuffix("-dir") }) {
            return true
        }
        guard let value = option.valueName?.lowercased() else { return false }
        return ["file", "path", "dir", "directory", "folder"].contains { value.contains($0) }
    }
}
