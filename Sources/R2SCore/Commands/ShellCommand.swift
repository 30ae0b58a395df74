public import ArgumentParser

/// A command a module contributes to the shell.
///
/// Options and arguments are declared with swift-argument-parser's property wrappers; the
/// `configuration` gives the command's name, one-line abstract and a `discussion` with examples
/// (shown by `help CMD` and `CMD --help`). Group words (`filter`, `catalog`) are plain
/// `ParsableCommand`s whose `subcommands` are `ShellCommand`s.
///
/// `--json`, `--csv` and `-q` are global: the dispatcher takes them off the argument list and
/// sets `context.format`/`context.quiet`, so commands never declare them.
public protocol ShellCommand: ParsableCommand {
    /// Runs the command.
    ///
    /// - Returns: `.ok`, or a non-zero status for outcomes that are not errors
    ///   (`.partial` when some items failed, `.drift` for `check`).
    /// - Throws: a `UserFacingError` (rendered with its hint) or any error (rendered as internal).
    func run(in context: ShellContext) async throws -> ExitStatus

    /// Values for TAB completion of this command's positional arguments and option values
    /// (object keys, filter names, record ids). `request.option` names the option whose value is
    /// being completed, `nil` for a positional argument.
    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String]
}

extension ShellCommand {
    public static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] { [] }
}

/// What TAB completion asks a command for.
public struct CompletionRequest: Sendable {
    /// Words already typed after the command path (without the word being completed).
    public var previousWords: [String]
    /// The option this value belongs to (`--filter`), or `nil` for a positional argument.
    public var option: String?
    /// The partial word under the cursor.
    public var prefix: String

    public init(previousWords: [String], option: String?, prefix: String) {
        self.previousWords = previousWords
        self.option = option
        self.prefix = prefix
    }
}
