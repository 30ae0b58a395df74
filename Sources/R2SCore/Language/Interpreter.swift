/// Runs `.r2s` text: the one interpreter behind the REPL, `-c`, `-f FILE` and piped stdin.
///
/// PLACEHOLDER: splits on whitespace and `;` only. The full language (quotes, variables,
/// `if`, `source`, error positions) replaces this.
public final class Interpreter {
    public let dispatcher: Dispatcher
    public var context: ShellContext
    /// Set by `exit [N]`: the caller stops reading input and exits with this status.
    public private(set) var exitRequested: ExitStatus?

    public init(dispatcher: Dispatcher, context: ShellContext) {
        self.dispatcher = dispatcher
        self.context = context
    }

    /// True when `text` is not a complete input yet (trailing `\\`, open quote, open `if` block):
    /// the REPL then reads another line with a continuation prompt.
    public func needsContinuation(_ text: String) -> Bool { text.hasSuffix("\\") }

    /// Runs a whole source text; returns the status of the last command.
    public func run(source: String, origin: String, arguments: [String] = []) async -> ExitStatus {
        var status = ExitStatus.ok
        for line in source.split(separator: "\n") {
            for command in line.split(separator: ";") {
                let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                if words.isEmpty || words[0].hasPrefix("#") { continue }
                if words[0] == "exit" {
                    exitRequested = ExitStatus(Int32(words.dropFirst().first ?? "0") ?? 0)
                    return exitRequested!
                }
                status = await dispatcher.execute(words, in: context)
            }
        }
        return status
    }
}
