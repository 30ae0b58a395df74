public import ArgumentParser

/// A group of commands registered with the shell core (storage, sync, filters, …).
///
/// The executable lists its modules explicitly; the core discovers nothing by reflection.
public protocol CommandModule: Sendable {
    /// Short lowercase name shown as the group heading in `help`.
    var name: String { get }
    /// One line about the module.
    var summary: String { get }
    /// The top-level command words this module provides.
    var commands: [any ParsableCommand.Type] { get }
}

/// A command registered at run time rather than compiled in: `.r2s` script plugins and
/// external `r2s-NAME` programs (see the plugin issue). Sits beside compiled commands in the
/// registry and can never shadow one.
public protocol RuntimeCommand: Sendable {
    /// The command word.
    var name: String { get }
    /// The group heading in `help` ("plugins").
    var group: String { get }
    /// One-line help.
    var abstract: String { get }
    /// Full help text for `help NAME` / `NAME --help`.
    func help(in context: ShellContext) async -> String
    /// Runs with the raw arguments (after the command word).
    func run(arguments: [String], in context: ShellContext) async throws -> ExitStatus
    /// Completion candidates for the word being typed.
    func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String]
}

extension RuntimeCommand {
    public func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] { [] }
}
