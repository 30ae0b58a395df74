public import R2SCore

/// Runs r2s text through the real dispatcher/interpreter with a captured console.
public struct TestShell {
    public let console: BufferConsole
    public let interpreter: Interpreter

    public init(
        modules: [any CommandModule], environment: [String: String] = [:], language: Language = .en,
        mode: Interpreter.Mode = .script
    ) {
        console = BufferConsole()
        let registry = CommandRegistry(modules: [CoreModule()] + modules, reservedWords: Interpreter.reservedWords)
        let session = Session(
            profile: Profile(name: Profile.localName), environment: environment,
            paths: Paths(config: "/nonexistent/config", state: "/nonexistent/state", data: "/nonexistent/data"),
            language: language)
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
}
