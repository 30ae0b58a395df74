import PluginHost  // [plugins]
import PluginModule  // [plugins]
import R2SCore
import UtilModule

#if canImport(Glibc)
import Glibc
#endif

let environment = Dictionary(ProcessInfoShim.environment(), uniquingKeysWith: { a, _ in a })
// [plugins] the loader discovers .r2s / r2s-NAME plugins (docs/plugins.md)
let pluginLoader = PluginLoader(
    environment: environment, paths: Paths.from(environment: environment),
    executablePath: PluginHost.currentExecutablePath())

// The modules this executable links, in `help` order. Adding a module = one line here.
let modules: [any CommandModule] = [
    CoreModule(),
    UtilModule(),
    PluginModule(loader: pluginLoader),  // [plugins]
]

let registry = CommandRegistry(modules: modules)
let session = Session(
    profile: Profile(name: Profile.localName), environment: environment,
    paths: Paths.from(environment: environment), language: Language.from(environment: environment))
let console = StandardConsole(environment: environment)
let context = ShellContext(console: console, session: session, registry: registry)
let interpreter = Interpreter(dispatcher: Dispatcher(registry: registry), context: context)
pluginLoader.scriptRunner.current = InterpreterScriptRunner(interpreter: interpreter)  // [plugins]
pluginLoader.reload(into: registry, profile: session.profile)  // [plugins]

var args = Array(CommandLine.arguments.dropFirst())
var status = ExitStatus.ok
if args.first == "-c", args.count >= 2 {
    status = await interpreter.run(source: args[1], origin: "-c")
} else {
    var text = ""
    while let line = readLine(strippingNewline: false) { text += line }
    status = await interpreter.run(source: text, origin: "-")
}
console.flush()
exit(status.rawValue)

enum ProcessInfoShim {
    static func environment() -> [(String, String)] {
        var out: [(String, String)] = []
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { out.append((String(s[..<eq]), String(s[s.index(after: eq)...]))) }
            p += 1
        }
        return out
    }
}
