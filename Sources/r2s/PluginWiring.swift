import PluginHost
import R2SCore

/// Lets script plugins run through this executable's interpreter (issue 8 wiring).
///
/// `@unchecked Sendable`: the interpreter is not Sendable, but a script plugin only runs from
/// inside a command the same interpreter is executing, on that command's task — never
/// concurrently with another use of the interpreter.
struct InterpreterScriptRunner: ScriptRunner, @unchecked Sendable {
    let interpreter: Interpreter

    func runChild(source: String, origin: String, arguments: [String], context: ShellContext) async -> ExitStatus {
        // `orphans --json`: the dispatcher applied --json/--csv/-q to the plugin's context; the
        // plugin's own commands must print in that format too.
        let saved = (interpreter.context.format, interpreter.context.quiet)
        interpreter.context.format = context.format
        interpreter.context.quiet = context.quiet
        defer { (interpreter.context.format, interpreter.context.quiet) = saved }
        return await interpreter.runChild(source: source, origin: origin, arguments: arguments)
    }
}
