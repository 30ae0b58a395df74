import ArgumentParser
import PluginHost
import R2SCore

/// `plugin ls`: every plugin found, in discovery order, with the clash that hides it if any.
struct PluginListCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List plugins in discovery order (name, kind, path, help, clash).",
        discussion: """
            A plugin whose name is a built-in command never runs; of two plugins with the same
            name the first found wins. Both cases show in the CLASH column.

            EXAMPLES:
              plugin ls
              plugin ls --json
            """)

    func run(in context: ShellContext) async throws -> ExitStatus {
        let loader = try context.pluginLoader()
        let discovery = loader.discovery
        let commands = PluginHost.commands(
            for: discovery, runner: loader.scriptRunner, executablePath: loader.executablePath)
        let statuses = discovery.statuses { PluginHost.isBuiltin($0, in: context.registry) }
        let rows = context.rows([
            OutputColumn("name"), OutputColumn("kind"), OutputColumn("source"), OutputColumn("path"),
            OutputColumn("help"), OutputColumn("clash"),
        ])
        for (index, item) in statuses.enumerated() {
            rows.add([
                .string(item.plugin.name), .string(item.plugin.kind.rawValue), .string(item.plugin.source.rawValue),
                .string(item.plugin.path), .string(commands[index].abstract), .text(item.status.clashText),
            ])
        }
        rows.finish()
        if context.format == .table && statuses.isEmpty {
            context.info(
                LocalizedText(
                    en: "no plugins found; see docs/plugins.md (R2S_PLUGIN_PATH, \(loader.paths.config)/plugins)",
                    ptBR: "nenhum plugin encontrado; veja docs/plugins.md (R2S_PLUGIN_PATH, \(loader.paths.config)/plugins)"))
        }
        return .ok
    }
}

/// `plugin reload`: discovers again (after adding, removing or renaming plugin files).
struct PluginReloadCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Discover plugins again and re-register them.",
        discussion: "EXAMPLES:\n  plugin reload")

    func run(in context: ShellContext) async throws -> ExitStatus {
        let loader = try context.pluginLoader()
        let discovery = loader.reload(into: context.registry, profile: context.profile)
        let statuses = discovery.statuses { PluginHost.isBuiltin($0, in: context.registry) }
        let active = statuses.filter { $0.status == .active }.count
        context.summary([
            ("folders", .number(discovery.folders.count)),
            ("plugins", .number(discovery.plugins.count)),
            ("active", .number(active)),
            ("clashes", .number(statuses.count - active)),
        ])
        return .ok
    }
}
