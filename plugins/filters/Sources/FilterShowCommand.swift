import ArgumentParser
import R2SCore
import Scope
import ScopeCommandLine

/// `filter show NAME`
struct FilterShowCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one named filter.",
        discussion: """
            EXAMPLES:
              filter show pdfs
              filter show pdfs --json
            """)

    @Argument(help: "The filter's name.")
    var name: String

    func run(in context: ShellContext) async throws -> ExitStatus {
        FilterOutput.show(try FilterStore(context: context).require(name), in: context)
        return .ok
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        FilterNameCompletion.complete(request, in: context)
    }
}
