import Backends
import CBuildInfo
import CatalogModule
import CloudflareQueues
import FiltersModule
import PluginHost  // [plugins]
import PluginModule  // [plugins]
import R2SCore
import Repl
import Services
import StorageModule
import SyncModule
import UtilModule

#if canImport(Glibc)
import Glibc
#endif

// [plugins] the loader discovers .r2s / r2s-NAME plugins (docs/plugins.md)
let pluginEnvironment = Startup.environment()  // [plugins]
let pluginLoader = PluginLoader(  // [plugins]
    environment: pluginEnvironment, paths: Paths.from(environment: pluginEnvironment),
    executablePath: PluginHost.currentExecutablePath())

// What commands need from the active profile (bucket, catalog, url mapping), built lazily.
let services = ProfileServices()
// The shell core prints profiles (`profile show`, `profile ls`) through the stores' own parsers.
ProfileDescriptions.install(BackendProfileDescriber())

// The modules this executable links, in `help` order. Adding a module = one line here.
let modules: [any CommandModule] = [
    CoreModule(),
    StorageModule(services: services),
    FiltersModule(services: services),
    CatalogModule(catalog: { try services.catalog($0) }, mapping: { try services.keyMapping($0) }),
    // `watch` reads R2 event notifications from the profile's Cloudflare Queue (docs/watch.md).
    SyncModule(
        services: services, queues: { try CloudflareQueue(settings: QueueSettings($0.profile)) },
        // `watch` never catalogues the trash: events for keys inside an in-bucket trash are ignored.
        ignoredKey: { context in context.trashKeyRule() }),
    UtilModule(),
    PluginModule(loader: pluginLoader),  // [plugins]
]

// `r2s -c 'ls' | head` closes the pipe early: end output quietly instead of dying on SIGPIPE.
signal(SIGPIPE, SIG_IGN)
let interrupts = Interrupts.install()

let environment = Startup.environment()
let paths = Paths.from(environment: environment)
let language = Language.from(environment: environment)
let registry = CommandRegistry(modules: modules, reservedWords: Interpreter.reservedWords)
let console = StandardConsole(environment: environment)
func makeContext(_ profile: Profile) -> ShellContext {
    let session = Session(profile: profile, environment: environment, paths: paths, language: language)
    // The stores describe where they point; the shell prints it (scripts, banner, --json).
    session.setTargetDescriber { services.describeTarget($0) }
    return ShellContext(console: console, session: session, registry: registry)
}

let invocation: Invocation
do {
    invocation = try Invocation.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    Startup.finish(ErrorRenderer.render(error, in: makeContext(Profile(name: Profile.localName))), console)
}
console.setColor(invocation.color)
if invocation.noPager { console.disablePaging() }
switch invocation.action {
case .version:
    // The commit is stamped by scripts/package.sh (Sources/CBuildInfo); a plain build says "unknown".
    console.write("r2s \(R2SVersion.current) (commit \(String(cString: r2s_build_commit())))\n")
    Startup.finish(.ok, console)
case .help: console.write(Invocation.usage); Startup.finish(.ok, console)
case .run: break
}

var context: ShellContext
do {
    let profile = try ProfileLoader.load(
        name: invocation.profile, environment: environment, workingDirectory: Startup.workingDirectory(), paths: paths)
    context = makeContext(profile)
} catch {
    ErrorRenderer.render(error, in: makeContext(Profile(name: Profile.localName)))
    Startup.finish(.config, console)
}
context.format = invocation.format ?? .table
context.quiet = invocation.quiet

let dispatcher = Dispatcher(registry: registry)
pluginLoader.reload(into: registry, profile: context.profile)  // [plugins]
// `r2s ls fichas`: a first word that names a command runs it like -c (OneShot).
var script = invocation.script
var scriptArguments = invocation.arguments
if case .word(let word) = script {
    switch OneShot.resolve(word, arguments: invocation.arguments, registry: registry) {
    case .file(let path): script = .file(path)
    case .command(let text): (script, scriptArguments) = (.text(text), [])
    case .unknown(let word, let suggestions):
        ErrorRenderer.render(OneShot.unknownError(word, suggestions: suggestions), in: context)
        Startup.finish(.usage, console)
    }
}
switch Startup.source(of: script) {
case .interactive:
    context.isInteractive = true
    let interpreter = Interpreter(dispatcher: dispatcher, context: context, interrupts: interrupts, mode: .interactive)
    pluginLoader.scriptRunner.current = InterpreterScriptRunner(interpreter: interpreter)  // [plugins]
    Startup.finish(await InteractiveShell(interpreter: interpreter).run(), console)
case .text(let text, let origin):
    let interpreter = Interpreter(dispatcher: dispatcher, context: context, interrupts: interrupts, mode: .script)
    pluginLoader.scriptRunner.current = InterpreterScriptRunner(interpreter: interpreter)  // [plugins]
    Startup.finish(await interpreter.run(source: text, origin: origin, arguments: scriptArguments), console)
case .unreadable(let path, let reason):
    ErrorRenderer.render(
        CommandError(
            LocalizedText(en: "cannot read '\(path)': \(reason)", ptBR: "não foi possível ler '\(path)': \(reason)"),
            status: .usage),
        in: context)
    Startup.finish(.usage, console)
}
