public import R2SCore

/// Runs r2s text through the real dispatcher/interpreter with a captured console.
public struct TestShell {
    public let console: BufferConsole
    public let interpreter: Interpreter

    /// - Parameters:
    ///   - paths: XDG folders (default: nonexistent ones, so nothing is read or written).
    ///   - profile: the active profile (default: the embedded `local`).
    ///   - console: the captured console (pass one with `isTerminal`/`answers` to test prompts).
    public init(
        modules: [any CommandModule], environment: [String: String] = [:], language: Language = .en,
        mode: Interpreter.Mode = .script,
        paths: Paths = Paths(config: "/nonexistent/config", state: "/nonexistent/state", data: "/nonexistent/data"),
        profile: Profile = Profile(name: Profile.localName), console: BufferConsole = BufferConsole()
    ) {
        self.console = console
        let registry = CommandRegistry(modules: [CoreModule()] + modules, reservedWords: Interpreter.reservedWords)
        let session = Session(profile: profile, environment: environment, paths: paths, language: language)
        let context = ShellContext(
            console: console, isInteractive: mode == .interactive, session: session, registry: registry)
        interpreter = Interpreter(dispatcher: Dispatcher(registry: registry), context: context, mode: mode)
    }

    /// Runs `source` and returns (stdout, stderr, status).
    public func run(
        _ source: String, origin: String = "test.r2s", arguments: [String] = []
    ) async -> (out: String, err: String, status: ExitStatus) {
        console.reset()
        let status = await interpreter.run(source: source, origin: origin, arguments: arguments)
        return (console.output, console.errorOutput, status)
    }

    /// Runs one command from ready-split words (no interpreter quoting needed), like a script line.
    public func execute(_ argv: [String]) async -> (out: String, err: String, status: ExitStatus) {
        console.reset()
        let status = await interpreter.dispatcher.execute(argv, in: interpreter.context)
        return (console.output, console.errorOutput, status)
    }
}
