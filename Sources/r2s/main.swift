import R2SCore
import Repl
import UtilModule

#if canImport(Glibc)
import Glibc
#endif

// The modules this executable links, in `help` order. Adding a module = one line here.
let modules: [any CommandModule] = [
    CoreModule(),
    UtilModule(),
]

let environment = Dictionary(ProcessInfoShim.environment(), uniquingKeysWith: { a, _ in a })
let registry = CommandRegistry(modules: modules)
let session = Session(
    profile: Profile(name: Profile.localName), environment: environment,
    paths: Paths.from(environment: environment), language: Language.from(environment: environment))
let console = StandardConsole(environment: environment)
let context = ShellContext(console: console, session: session, registry: registry)
let interpreter = Interpreter(dispatcher: Dispatcher(registry: registry), context: context)

var args = Array(CommandLine.arguments.dropFirst())
var status = ExitStatus.ok
if args.first == "-c", args.count >= 2 {
    status = await interpreter.run(source: args[1], origin: "-c")
} else if isatty(0) == 1 {
    status = await InteractiveShell(interpreter: interpreter).run()
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
