public import ArgumentParser
public import R2SCore

/// Small utility commands; also the smallest module proving the registration protocol.
public struct UtilModule: CommandModule {
    public init() {}
    public let name = "util"
    public let summary = "small utilities for scripts"
    public var commands: [any ParsableCommand.Type] { [TrueCommand.self, FalseCommand.self, SleepCommand.self, CompletionCommand.self] }
}

struct TrueCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "true", abstract: "Do nothing, successfully (exit 0).")
    func run(in context: ShellContext) async throws -> ExitStatus { .ok }
}

struct FalseCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "false", abstract: "Do nothing, unsuccessfully (exit 1).")
    func run(in context: ShellContext) async throws -> ExitStatus { .failure }
}

struct SleepCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "sleep", abstract: "Wait for a number of seconds (Ctrl-C aborts).",
        discussion: "EXAMPLES:\n  sleep 2\n  sleep 0.5")

    @Argument(help: "Seconds to wait (fractions allowed).")
    var seconds: Double

    func validate() throws {
        guard seconds >= 0, seconds <= 86_400 else { throw ValidationError("seconds must be between 0 and 86400") }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        return .ok
    }
}
