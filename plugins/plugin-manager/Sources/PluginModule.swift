public import ArgumentParser
public import PluginHost
public import R2SCore

/// The `plugin` command: list, inspect and reload the runtime plugins (`.r2s` scripts and
/// external `r2s-NAME` programs). The module carries the executable's `PluginLoader`; its
/// commands find it through `context.registry.modules`.
public struct PluginModule: CommandModule {
    public let loader: PluginLoader

    public init(loader: PluginLoader) {
        self.loader = loader
    }

    public let name = "plugin management"
    public let summary = "runtime plugins: .r2s scripts and r2s-NAME programs"
    public var commands: [any ParsableCommand.Type] { [PluginCommand.self] }
}

struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "List, inspect and reload runtime plugins.",
        discussion: """
            Plugins are .r2s files and r2s-NAME programs found in R2S_PLUGIN_PATH, the config
            dir's plugins/, the shipped examples and (programs only) PATH. See docs/plugins.md.

            EXAMPLES:
              plugin ls            # every plugin found, with clashes
              plugin show orphans  # where it lives, its usage and trust
              plugin reload        # discover again after adding or removing plugin files
            """,
        subcommands: [PluginListCommand.self, PluginShowCommand.self, PluginReloadCommand.self])
}

extension ShellContext {
    /// The plugin loader of the running shell.
    func pluginLoader() throws -> PluginLoader {
        if let loader = registry.modules.lazy.compactMap({ ($0 as? PluginModule)?.loader }).first { return loader }
        throw CommandError(
            LocalizedText(en: "plugins are not enabled in this shell", ptBR: "plugins não estão ativos neste shell"))
    }
}

extension PluginStatus {
    /// The text of the `clash` column (`nil` when the plugin is active).
    var clashText: String? {
        switch self {
        case .active: nil
        case .shadowedByBuiltin: "built-in command wins"
        case .shadowedBy(let path): "shadowed by \(path)"
        }
    }
}
