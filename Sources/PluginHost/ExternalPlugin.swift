public import R2SCore

/// An executable `r2s-NAME` registered as the command `NAME` (the git/kubectl model).
///
/// Gets the arguments as typed (the global `--json`/`--csv`/`-q` are consumed by r2s and passed
/// as `R2S_OUTPUT`/`R2S_QUIET`), the environment `PluginEnvironment` builds, and r2s's own
/// stdin/stdout/stderr. Its exit status is the command's status (`$?`, stop-on-error).
public struct ExternalPlugin: RuntimeCommand {
    public let descriptor: PluginDescriptor
    private let executablePath: String?
    private let header: HeaderCache

    public init(descriptor: PluginDescriptor, executablePath: String?) {
        self.descriptor = descriptor
        self.executablePath = executablePath
        self.header = HeaderCache(path: descriptor.path)
    }

    public var name: String { descriptor.name }
    public var group: String { "plugins" }

    /// The `# r2s-plugin:` line when the program is a script carrying one; else a generic line
    /// (r2s never runs a plugin just to list it).
    public var abstract: String {
        header.value?.summary ?? "external plugin (\(FileSystem.basename(descriptor.path)))"
    }

    /// `NAME --help` runs `r2s-NAME --help` and shows what it prints.
    /// A trusted plugin others could have written is not run for its help either: the header's
    /// help (read, never executed) is shown after the error.
    public func help(in context: ShellContext) async -> String {
        let fallback = header.value?.helpText(name: name, footer: "external plugin: \(descriptor.path)")
            ?? "\(name) — \(abstract)\n"
        do {
            try checkPermissions(in: context)
        } catch {
            ErrorRenderer.render(error, in: context)
            return fallback
        }
        let env = environment(for: context)
        context.console.flush()
        do {
            let result = try await ChildProcess.capture(path: descriptor.path, arguments: ["--help"], environment: env)
            if !result.output.isEmpty { return result.output.hasSuffix("\n") ? result.output : result.output + "\n" }
        } catch let error as ChildProcess.SpawnError {
            ErrorRenderer.render(
                PluginError.spawnFailed(name: name, path: descriptor.path, reason: error.reason), in: context)
        } catch {}
        return fallback
    }

    public func run(arguments: [String], in context: ShellContext) async throws -> ExitStatus {
        try checkPermissions(in: context)
        let env = environment(for: context)
        // Whatever r2s buffered must reach the terminal before the child writes its own output.
        context.console.flush()
        do {
            return try await ChildProcess.run(path: descriptor.path, arguments: arguments, environment: env)
        } catch let error as ChildProcess.SpawnError {
            throw PluginError.spawnFailed(name: name, path: descriptor.path, reason: error.reason)
        }
    }

    /// `PluginPermissions`: a trusted plugin would get the session's secrets, so a problem
    /// refuses it; an untrusted one gets none, so it only draws a warning.
    func checkPermissions(in context: ShellContext) throws(PluginError) {
        guard let problem = PluginPermissions.problem(descriptor.path) else { return }
        if isTrusted(in: context) { throw PluginError.unsafe(name: name, problem: problem) }
        context.warn(LocalizedText(
            en: "plugin '\(name)' runs without secrets, but " + PluginError.describe(problem).en,
            ptBR: "o plugin '\(name)' roda sem segredos, mas " + PluginError.describe(problem).ptBR))
    }

    /// Whether this plugin gets the profile's secrets.
    public func isTrusted(in context: ShellContext) -> Bool {
        PluginEnvironment.isTrusted(name, profile: context.profile, environment: context.session.environment)
    }

    func environment(for context: ShellContext) -> [String: String] {
        PluginEnvironment.build(
            base: context.session.environment, profile: context.profile, format: context.format,
            quiet: context.quiet, trusted: isTrusted(in: context), executablePath: executablePath,
            secrets: context.session.secrets.all)
    }
}
