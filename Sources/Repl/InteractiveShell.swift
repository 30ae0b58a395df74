public import R2SCore
import LineEditing

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: prompt with the active profile, libedit line editing, persistent
/// history without secrets, TAB completion, Ctrl-C handling.
///
/// Runs on the main actor so the blocking line editor (and the TAB callback that waits for the
/// completion engine) never occupies a thread of the cooperative pool: on a 2-core machine that
/// pool has two threads, and completion and commands need them. Ctrl-C at the prompt does not
/// depend on which thread gets SIGINT: the editor's read loop polls the interrupt counter.
/// Commands run off the main actor; the interpreter makes them cancellable by Ctrl-C.
@MainActor
public final class InteractiveShell {
    private let interpreter: Interpreter
    private let interrupts: Interrupts
    private var historyWarningShown = false

    /// - Parameters:
    ///   - interpreter: runs every line (the same interpreter as scripts).
    ///   - interrupts: the SIGINT monitor (installed by default).
    public init(interpreter: Interpreter, interrupts: Interrupts = .install()) {
        self.interpreter = interpreter
        self.interrupts = interrupts
    }

    private var context: ShellContext { interpreter.context }

    /// Reads and runs lines until `exit` or Ctrl-D; returns the status to exit with (that of the
    /// last command on Ctrl-D). An error never ends the shell.
    public func run() async -> ExitStatus {
        interpreter.context.isInteractive = true
        guard context.console.isInteractive else { return await runWithoutTerminal() }
        let historyFile = context.session.paths.state + "/history"
        let editor: LineEditor
        do {
            editor = try LineEditor(applicationName: "r2s", historyFile: historyFile)
        } catch {
            context.warn(LocalizedText("\(error)"))
            return await runWithoutTerminal()
        }
        let variables = ShellCompletion.Variables()
        editor.completion = ShellCompletion.provider(context: context, variables: variables)
        if !context.quiet {
            context.console.writeError(Prompt.banner(profile: context.profile, paths: context.session.paths,
                                                     color: context.console.useColor, language: context.language))
            // Where commands will act (bucket and catalog), as the stores describe it.
            if let target = context.describeTarget() { context.console.writeError(target.line(context.language) + "\n") }
        }
        var last = ExitStatus.ok
        var pending = ""
        while true {
            context.console.flush()
            variables.names = interpreter.variableNames()
            let profile = context.profile
            let prompt = pending.isEmpty
                ? Prompt.primary(profile: profile, color: context.console.useColor)
                : Prompt.continuation(profile: profile)
            let monitor = interrupts
            switch editor.readLine(prompt: prompt, interrupted: { monitor.consume() }) {
            case .interrupted:
                // Ctrl-C at the prompt: drop what was typed (and any continued lines), prompt again.
                pending = ""
                context.console.writeError("\n")
            case .endOfInput:
                context.console.writeError("\n")
                return last
            case .line(let line):
                let text = pending.isEmpty ? line : pending + "\n" + line
                if interpreter.needsContinuation(text) {
                    pending = text
                    continue
                }
                pending = ""
                guard !text.trimmingCharacters(in: " \t\n").isEmpty else { continue }
                last = await execute(text)
                // After it ran: a secret the line itself set (`set $N value`) now counts.
                remember(text, in: editor)
                if let exit = interpreter.exitRequested { return exit }
            }
        }
    }

    /// Runs one input through the interpreter. The interpreter runs each command inside
    /// `Interrupts.runCancellable` and checks for Ctrl-C between statements, so Ctrl-C aborts the
    /// input (status 130) and the shell carries on. (No second watcher here: it would steal the
    /// Ctrl-C the interpreter looks for between builtins.)
    private func execute(_ text: String) async -> ExitStatus {
        await Self.run(InterpreterBox(interpreter), text)
    }

    /// Runs off the main actor (on the cooperative pool, like any command).
    private nonisolated static func run(_ box: InterpreterBox, _ text: String) async -> ExitStatus {
        await box.interpreter.run(source: text, origin: "<stdin>")
    }

    /// Adds `text` to history unless it holds a secret (`HistoryPolicy`), and saves the file.
    private func remember(_ text: String, in editor: LineEditor) {
        guard HistoryPolicy.allows(text, session: context.session) else { return }
        editor.addHistory(text)
        do {
            try editor.saveHistory()
        } catch {
            // A read-only home must not spoil the session: say it once.
            if !historyWarningShown {
                historyWarningShown = true
                context.warn(LocalizedText(en: "history not saved: \(error)", ptBR: "histórico não salvo: \(error)"))
            }
        }
    }

    /// Fallback when stdin is not a terminal: no prompt, no escapes, no history.
    private func runWithoutTerminal() async -> ExitStatus {
        var last = ExitStatus.ok
        var pending = ""
        while let line = readLine() {
            let text = pending.isEmpty ? line : pending + "\n" + line
            if interpreter.needsContinuation(text) {
                pending = text
                continue
            }
            pending = ""
            last = await execute(text)
            if let exit = interpreter.exitRequested { return exit }
        }
        return last
    }
}

/// Hands the interpreter to the off-main-actor call above. Safe because the shell is suspended
/// until that call returns: the interpreter is never used from two places at once.
private struct InterpreterBox: @unchecked Sendable {
    let interpreter: Interpreter
    init(_ interpreter: Interpreter) { self.interpreter = interpreter }
}
