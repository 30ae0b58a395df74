import Foundation
import PluginHost
import PluginModule
import R2STestSupport
import R2SCore
import UtilModule

/// A temporary directory removed when the value goes away.
final class TempDir: @unchecked Sendable {
    let path: String

    init(_ label: String = "plg") {
        var template = Array("/tmp/r2s-\(label)-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Creates a sub-directory and returns its path.
    @discardableResult
    func dir(_ name: String) -> String {
        let p = path + "/" + name
        try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    /// Writes a file (mode 0755 when `executable`) and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String = "", executable: Bool = false) -> String {
        let p = path + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! CloexecFile.write(text, to: p, mode: executable ? 0o755 : 0o644)
        return p
    }

    /// A plugin folder `p/` with these files (name, text); `r2s-NAME` files are executable, as
    /// plugin discovery expects. Returns the folder.
    func plugins(_ files: KeyValuePairs<String, String>) -> String {
        for (name, text) in files { file("p/" + name, text, executable: name.hasPrefix("r2s-")) }
        return dir("p")
    }

    /// A plugin folder `p/` holding the executable `r2s-NAME`: a shell script whose SIGINT trap
    /// writes `got` into the file `got` and exits 7, then runs `body`. Returns the folder.
    func interruptiblePlugin(_ name: String, _ body: String) -> String {
        file("p/r2s-" + name, "#!/bin/sh\ntrap 'echo got > \"\(path)/got\"; exit 7' INT\n" + body, executable: true)
        return dir("p")
    }

    func read(_ name: String) -> String? { try? String(contentsOfFile: path + "/" + name, encoding: .utf8) }
}

/// A ScriptRunner that records its calls and returns a fixed status (or runs a closure).
final class FakeRunner: ScriptRunner, @unchecked Sendable {
    struct Call {
        var source: String
        var origin: String
        var arguments: [String]
        var format: OutputFormat
    }
    private let lock = NSLock()
    private var recorded: [Call] = []
    let status: ExitStatus
    let body: (@Sendable (ShellContext) async -> ExitStatus)?

    init(status: ExitStatus = .ok, body: (@Sendable (ShellContext) async -> ExitStatus)? = nil) {
        self.status = status
        self.body = body
    }

    var calls: [Call] { lock.withLock { recorded } }

    func runChild(source: String, origin: String, arguments: [String], context: ShellContext) async -> ExitStatus {
        lock.withLock { recorded.append(Call(source: source, origin: origin, arguments: arguments, format: context.format)) }
        if let body { return await body(context) }
        return status
    }
}

/// A shell with the plugin module, a loader over explicit folders, and a captured console.
struct PluginShell {
    let console = BufferConsole()
    let registry: CommandRegistry
    let loader: PluginLoader
    let context: ShellContext

    /// `pluginPath` becomes R2S_PLUGIN_PATH; PATH is `path` (empty: no PATH search).
    init(
        pluginPath: [String] = [], path: [String] = [], config: String = "/nonexistent/config",
        profile: Profile = Profile(name: "test"), environment: [String: String] = [:], runner: (any ScriptRunner)? = nil
    ) {
        var env = environment
        env["R2S_PLUGIN_PATH"] = pluginPath.joined(separator: ":")
        env["PATH"] = path.joined(separator: ":")
        let paths = Paths(config: config, state: "/nonexistent/state", data: "/nonexistent/data")
        loader = PluginLoader(environment: env, paths: paths, executablePath: nil, scriptRunner: ScriptRunnerSlot(runner))
        registry = CommandRegistry(modules: [CoreModule(), UtilModule(), PluginModule(loader: loader)])
        let session = Session(profile: profile, environment: env, paths: paths, language: .en)
        context = ShellContext(console: console, session: session, registry: registry)
        loader.reload(into: registry, profile: profile)
    }

    /// Runs one command line given as exact words (no interpreter involved).
    func run(_ argv: String...) async -> (out: String, err: String, status: ExitStatus) {
        await run(argv)
    }

    func run(_ argv: [String]) async -> (out: String, err: String, status: ExitStatus) {
        console.reset()
        let status = await Dispatcher(registry: registry).execute(argv, in: context)
        return (console.output, console.errorOutput, status)
    }
}

/// The JSON a command printed, as an array of objects.
func jsonRows(_ text: String) -> [[String: Any]] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
}

/// The JSON object a command printed.
func jsonObject(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}
