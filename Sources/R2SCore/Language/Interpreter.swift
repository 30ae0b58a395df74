/// Runs `.r2s` text: the one interpreter behind the interactive shell, `-c`, `-f FILE`, piped
/// stdin, `source`, and `.r2s` plugins.
///
/// A whole text is parsed before any of it runs, so a syntax error on line 40 stops a cron job
/// before line 1 touches anything. Each command goes through the `Dispatcher` inside
/// `Interrupts.runCancellable`, so Ctrl-C aborts it (status 130) and stops the script.
/// See docs/language.md.
public final class Interpreter {
    /// How failures are handled by default.
    public enum Mode: Sendable {
        /// The interactive shell: `on-error continue`, an error never ends the session.
        case interactive
        /// A script (`-c`, `-f`, file, stdin): `on-error stop`.
        case script
    }

    /// Nesting limit for `source` and `.r2s` plugins calling each other: deep enough for any
    /// real library of scripts, shallow enough that a file sourcing itself fails fast and clearly.
    public static let maxDepth = 32

    /// Nesting limit for `if` blocks in one text (an `else if` counts as one more level). The
    /// parser refuses deeper text, so running and freeing a program never recurses further.
    public static let maxNesting = 100

    public let dispatcher: Dispatcher
    /// The context commands run in; the REPL/profile code may replace it.
    public var context: ShellContext
    public let interrupts: Interrupts
    public let mode: Mode
    /// Set by `exit [N]`: the caller stops reading input and exits with this status.
    public private(set) var exitRequested: ExitStatus?
    /// The exit status of the last command (`$?`).
    public internal(set) var lastStatus: ExitStatus = .ok

    /// Variables, arguments and error policy of the script running now.
    var scope: Scope
    /// How many `source`/plugin levels deep the current statement runs.
    var depth = 0
    /// Where the command running now was written (for errors raised by nested scripts).
    var currentLocation: ScriptLocation?

    /// - Parameters:
    ///   - interrupts: the Ctrl-C monitor (`Interrupts.install()` in the executable, `.none` in tests).
    ///   - mode: `.interactive` continues after a failing command, `.script` stops.
    public init(dispatcher: Dispatcher, context: ShellContext, interrupts: Interrupts = .none, mode: Mode = .script) {
        self.dispatcher = dispatcher
        self.context = context
        self.interrupts = interrupts
        self.mode = mode
        scope = Scope(arguments: [], scriptName: "r2s", onError: mode == .interactive ? .continue : .stop)
    }

    /// Runs a whole text (a file, `-c`, stdin, or one REPL input) with `arguments` as `$1…`.
    ///
    /// - Returns: the status of the last command; the failing command's status when the text
    ///   stopped on it; 2 for a syntax error (nothing ran); `N` for `exit N` (also stored in
    ///   `exitRequested`).
    public func run(source: String, origin: String, arguments: [String] = []) async -> ExitStatus {
        _ = interrupts.consume()  // a Ctrl-C typed at the prompt is not meant for this input
        scope.arguments = arguments
        scope.scriptName = origin
        let status: ExitStatus
        switch await runProgram(source, origin: origin) {
        case .next: status = lastStatus
        case .stop(let s): status = s
        case .exit(let s):
            exitRequested = s
            status = s
        }
        context.console.flush()
        return status
    }

    /// Runs an `.r2s` plugin: same context, but its own variables, arguments and `on-error stop`.
    /// `exit N` ends only the plugin (it returns `N`).
    public func runChild(source: String, origin: String, arguments: [String]) async -> ExitStatus {
        guard depth < Self.maxDepth else {
            let at = currentLocation ?? ScriptLocation(origin: origin, line: 1, column: 1)
            ScriptError(.sourceTooDeep(limit: Self.maxDepth, path: origin), at: at).report(in: context)
            return .usage
        }
        let saved = (scope, lastStatus, currentLocation)
        scope = Scope(arguments: arguments, scriptName: origin, onError: .stop)
        lastStatus = .ok
        depth += 1
        defer {
            depth -= 1
            (scope, lastStatus, currentLocation) = saved
        }
        switch await runProgram(source, origin: origin) {
        case .next: return lastStatus
        case .stop(let s), .exit(let s): return s
        }
    }

    /// True when `text` is not a complete input yet (trailing `\`, open quote, open `if` block):
    /// the REPL then reads another line and calls this again with the lines joined by `\n`.
    public func needsContinuation(_ text: String) -> Bool {
        do {
            _ = try Parser.parse(text, origin: "<stdin>")
            return false
        } catch {
            return error.isIncompleteInput
        }
    }

    /// The interpreter's own words with one-line help, for the registry (`help`, completion).
    public static let reservedWords: [String: String] = [
        "set": "set NAME VALUE… — set a variable (R2_*, SUPABASE_*, R2S_*, DATABASE_URL also set the profile)",
        "unset": "unset NAME… — remove variables",
        "echo": "echo [-n] WORD… — print the words separated by spaces",
        "exit": "exit [STATUS] — end the script or shell with STATUS (default: $?)",
        "source": "source FILE [ARG…] — run a .r2s file here (path relative to the current file)",
        "on-error": "on-error stop|continue — whether a failing command stops the script",
        "if": "if [!] COMMAND | if [!] A == B | if A != B … else … end — conditional block",
        "else": "else [if …] — the other branch of an if block",
        "end": "end — closes an if block",
    ]

    /// Variable names known now (script variables, profile settings, environment), sorted:
    /// for TAB completion of `$NAME`.
    public func variableNames() -> [String] {
        var names = Set(scope.variables.keys)
        names.formUnion(context.session.profile.values.keys)
        names.formUnion(context.session.environment.keys)
        return names.sorted()
    }

    /// Parses and runs one text in the current scope.
    func runProgram(_ text: String, origin: String) async -> Flow {
        let program: Program
        do {
            program = try Parser.parse(text, origin: origin)
        } catch {
            error.report(in: context)
            lastStatus = error.exitStatus
            return .stop(error.exitStatus)
        }
        return await execute(program.statements, in: program)
    }
}
