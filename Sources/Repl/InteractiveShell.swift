public import R2SCore

/// The interactive shell: prompt, line editing, history, completion, Ctrl-C.
///
/// PLACEHOLDER: plain `readLine()`. The libedit-based shell replaces this.
public final class InteractiveShell {
    private let interpreter: Interpreter

    public init(interpreter: Interpreter) {
        self.interpreter = interpreter
    }

    /// Reads and runs lines until `exit` or Ctrl-D; returns the status to exit with.
    public func run() async -> ExitStatus {
        var last = ExitStatus.ok
        while true {
            interpreter.context.console.writeError("r2s> ")
            guard let line = readLine() else { return last }
            last = await interpreter.run(source: line, origin: "<stdin>")
            if let exit = interpreter.exitRequested { return exit }
        }
    }
}
