public import ArgumentParser
import Synchronization

/// The table of command words: compiled module commands plus run-time registered ones.
///
/// Compiled commands are fixed at start-up; run-time commands (plugins) can be replaced with
/// `setRuntimeCommands(_:)` (`plugin reload`) and never shadow a compiled or built-in word.
public final class CommandRegistry: Sendable {
    /// A registered command word.
    public enum Entry: Sendable {
        case compiled(module: String, type: any ParsableCommand.Type)
        case runtime(any RuntimeCommand)

        /// The group heading for `help`.
        public var group: String {
            switch self {
            case .compiled(let module, _): module
            case .runtime(let command): command.group
            }
        }

        /// The one-line abstract.
        public var abstract: String {
            switch self {
            case .compiled(_, let type): type.configuration.abstract
            case .runtime(let command): command.abstract
            }
        }
    }

    /// A run-time command that was not registered because its name is taken.
    public struct Clash: Sendable {
        public var name: String
        public var shadowedBy: String
    }

    /// Modules in registration order (for `help` grouping).
    public let modules: [any CommandModule]
    private let compiled: [String: Entry]
    /// Words the interpreter handles itself (`set`, `if`, …): reserved, listed under "shell".
    public let reservedWords: [String: String]
    private let runtime = Mutex(([String: any RuntimeCommand](), [Clash]()))

    /// Builds the registry. A word registered twice is a programming error and traps at start-up.
    public init(modules: [any CommandModule], reservedWords: [String: String] = [:]) {
        self.modules = modules
        self.reservedWords = reservedWords
        var table: [String: Entry] = [:]
        for module in modules {
            for type in module.commands {
                let name = type._commandName
                precondition(table[name] == nil && reservedWords[name] == nil, "command '\(name)' registered twice")
                table[name] = .compiled(module: module.name, type: type)
            }
        }
        compiled = table
    }

    /// Replaces the run-time commands; names that clash with compiled/reserved words are
    /// skipped and reported by `clashes`.
    public func setRuntimeCommands(_ commands: [any RuntimeCommand]) {
        var table: [String: any RuntimeCommand] = [:]
        var clashes: [Clash] = []
        for command in commands {
            if compiled[command.name] != nil || reservedWords[command.name] != nil {
                clashes.append(Clash(name: command.name, shadowedBy: "built-in"))
            } else if table[command.name] != nil {
                clashes.append(Clash(name: command.name, shadowedBy: "earlier plugin"))
            } else {
                table[command.name] = command
            }
        }
        runtime.withLock { $0 = (table, clashes) }
    }

    /// Plugins that were not registered because their name was taken.
    public var clashes: [Clash] { runtime.withLock { $0.1 } }

    /// Looks up a command word.
    public func entry(_ name: String) -> Entry? {
        if let e = compiled[name] { return e }
        return runtime.withLock { $0.0[name] }.map { .runtime($0) }
    }

    /// Every registered word (compiled, reserved and run-time), sorted.
    public var allNames: [String] {
        let rt = runtime.withLock { Array($0.0.keys) }
        return (Array(compiled.keys) + Array(reservedWords.keys) + rt).sorted()
    }

    /// All entries grouped for `help`: modules in order, then run-time groups.
    public var groupedEntries: [(group: String, names: [String])] {
        var groups: [(String, [String])] = modules.map { m in (m.name, m.commands.map { $0._commandName }.sorted()) }
        let rt = runtime.withLock { $0.0 }
        var byGroup: [String: [String]] = [:]
        for (name, c) in rt { byGroup[c.group, default: []].append(name) }
        for g in byGroup.keys.sorted() { groups.append((g, byGroup[g]!.sorted())) }
        return groups
    }

    /// Close matches for an unknown word ("did you mean"): edit distance ≤ 2 or a shared prefix.
    public func suggestions(for word: String) -> [String] {
        let scored = allNames.map { ($0, Self.editDistance(word, $0)) }
            .filter { $0.1 <= 2 || ($0.0.hasPrefix(word) && word.count >= 2) }
        return scored.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(3).map(\.0)
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
