public import ArgumentParser

/// The built-in commands every r2s has (`help`, `version`, `profile`). The interpreter's own words
/// (`set`, `if`, `source`…) are not commands; they are listed by `help` as "shell".
public struct CoreModule: CommandModule {
    public init() {}
    public let name = "core"
    public let summary = "built-in commands"
    public var commands: [any ParsableCommand.Type] { [HelpCommand.self, VersionCommand.self, ProfileCommand.self] }
}

struct VersionCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the r2s version.")

    func run(in context: ShellContext) async throws -> ExitStatus {
        switch context.format {
        case .json: context.summary([("version", .string(R2SVersion.current))])
        default: context.console.writeLine("r2s \(R2SVersion.current)")
        }
        return .ok
    }
}
