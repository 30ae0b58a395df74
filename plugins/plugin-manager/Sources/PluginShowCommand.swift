import ArgumentParser
import PluginHost
import R2SCore

/// `plugin show NAME`: where a plugin lives, how it is called, whether it is trusted.
struct PluginShowCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one plugin: kind, path, usage, arguments, trust, clashes.",
        discussion: """
            EXAMPLES:
              plugin show orphans
              plugin show report-html --json
            """)

    @Argument(help: "The plugin's command name.")
    var name: String

    func run(in context: ShellContext) async throws -> ExitStatus {
        let loader = try context.pluginLoader()
        let discovery = loader.discovery
        let statuses = discovery.statuses { PluginHost.isBuiltin($0, in: context.registry) }
        let matching = statuses.filter { $0.plugin.name == name }
        guard let shown = matching.first(where: { $0.status == .active }) ?? matching.first else {
            let names = Set(discovery.plugins.map(\.name))
            let close = names.filter { $0.hasPrefix(name) || name.hasPrefix($0) }.sorted()
            throw PluginError.notFound(name: name, suggestions: Array(close.prefix(3)))
        }
        let plugin = shown.plugin
        let header = PluginHeader.parse(PluginHost.headerText(of: plugin.path))
        var fields: [(String, OutputValue)] = [
            ("name", .string(plugin.name)),
            ("kind", .string(plugin.kind.rawValue)),
            ("path", .string(plugin.path)),
            ("source", .string(plugin.source.rawValue)),
            ("status", .string(shown.status.clashText ?? "active")),
            ("help", .text(header?.summary)),
            ("usage", .text(header?.usage)),
            ("arguments", arguments(header?.arguments ?? [], format: context.format)),
        ]
        if plugin.kind == .external {
            let trusted = PluginEnvironment.isTrusted(
                plugin.name, profile: context.profile, environment: context.session.environment)
            fields.append(("trusted", .bool(trusted)))
        }
        // What would refuse it (scripts, trusted programs) or draw a warning (docs/plugins.md).
        let problem = PluginPermissions.problem(plugin.path).map { context.text(PluginError.describe($0)) }
        fields.append(("permissions", .string(problem ?? "ok")))
        let others = matching.filter { $0.plugin.path != plugin.path }.map { OutputValue.string($0.plugin.path) }
        fields.append(("also_found", .array(others)))
        context.summary(fields)
        return .ok
    }

    /// A JSON array; for people one argument per line, aligned under the first.
    private func arguments(_ list: [PluginHeader.Argument], format: OutputFormat) -> OutputValue {
        let lines = list.map { $0.name + ($0.help.isEmpty ? "" : " — " + $0.help) }
        guard format == .table else { return .array(lines.map { .string($0) }) }
        return .string(lines.joined(separator: "\n" + String(repeating: " ", count: "also_found: ".count)))
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        guard let loader = try? context.pluginLoader() else { return [] }
        return Array(Set(loader.discovery.plugins.map(\.name))).filter { $0.hasPrefix(request.prefix) }.sorted()
    }
}
