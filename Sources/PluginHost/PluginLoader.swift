public import R2SCore
import Synchronization

/// Discovers plugins and registers them; the executable makes one at start-up and
/// `plugin reload` calls `reload(into:profile:)` again.
///
/// Holds the inputs discovery needs (environment, XDG paths, executable path), the slot script
/// plugins find the interpreter in, and the last discovery (for `plugin ls`).
public final class PluginLoader: Sendable {
    public let environment: [String: String]
    public let paths: Paths
    public let executablePath: String?
    /// The script runner; the executable sets `scriptRunner.current` once the interpreter exists.
    public let scriptRunner: ScriptRunnerSlot
    private let last = Mutex(PluginDiscovery(folders: [], plugins: []))

    public init(
        environment: [String: String], paths: Paths, executablePath: String?,
        scriptRunner: ScriptRunnerSlot = ScriptRunnerSlot()
    ) {
        self.environment = environment
        self.paths = paths
        self.executablePath = executablePath
        self.scriptRunner = scriptRunner
    }

    /// The result of the last `reload`.
    public var discovery: PluginDiscovery { last.withLock { $0 } }

    /// Discovers the plugins again and replaces the registry's run-time commands. A
    /// `R2S_PLUGIN_PATH` set in the active profile wins over the environment's.
    @discardableResult
    public func reload(into registry: CommandRegistry, profile: Profile? = nil) -> PluginDiscovery {
        var env = environment
        if let fromProfile = profile?[PluginHost.pluginPathSetting] { env[PluginHost.pluginPathSetting] = fromProfile }
        let folders = PluginHost.folders(paths: paths, environment: env, executablePath: executablePath)
        let found = PluginHost.scan(folders: folders)
        registry.setRuntimeCommands(
            PluginHost.commands(for: found, runner: scriptRunner, executablePath: executablePath))
        last.withLock { $0 = found }
        return found
    }
}

extension PluginHost {
    /// The setting listing extra plugin folders (colon-separated, searched first).
    public static let pluginPathSetting = "R2S_PLUGIN_PATH"

    /// True when `word` is compiled in or an interpreter word: such a name never runs a plugin.
    public static func isBuiltin(_ word: String, in registry: CommandRegistry) -> Bool {
        if registry.reservedWords[word] != nil { return true }
        if case .compiled = registry.entry(word) { return true }
        return false
    }
}
