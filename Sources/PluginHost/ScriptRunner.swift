public import R2SCore
import Synchronization

/// Runs `.r2s` source as a child script of the running shell: same interpreter (so the same
/// registry, session and active profile), its own variable scope, `$1…`/`$#` set from
/// `arguments`, stop-on-error as for any script. The executable satisfies this with the
/// Interpreter (`Interpreter.runChild(source:origin:arguments:)`); tests use a fake.
///
/// PluginHost does not depend on the Interpreter type, only on this.
public protocol ScriptRunner: Sendable {
    /// Runs `source` (read from `origin`, a path used in error positions) and returns the exit
    /// status of the script: the status that stopped it, or that of its last command.
    /// `context` is the plugin command's context (its `--json`/`--csv`/`-q` already applied).
    func runChild(source: String, origin: String, arguments: [String], context: ShellContext) async -> ExitStatus
}

/// Where script plugins find their runner. Plugins are built before the interpreter exists
/// (the interpreter needs the registry the plugins go into), so the executable fills this
/// slot once the interpreter is made.
public final class ScriptRunnerSlot: Sendable {
    private let runner = Mutex<(any ScriptRunner)?>(nil)

    public init(_ runner: (any ScriptRunner)? = nil) {
        self.runner.withLock { $0 = runner }
    }

    /// The runner, or `nil` before the executable set one.
    public var current: (any ScriptRunner)? {
        get { runner.withLock { $0 } }
        set { runner.withLock { $0 = newValue } }
    }
}
