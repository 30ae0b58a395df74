import ArgumentParser
import R2SCore
import Scope
import ScopeCommandLine

/// `filter rm NAME`
struct FilterRemoveCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete a named filter (objects and rows are not touched).",
        discussion: """
            EXAMPLES:
              filter rm pdfs
            """)

    @Argument(help: "The filter's name.")
    var name: String

    func run(in context: ShellContext) async throws -> ExitStatus {
        let store = FilterStore(context: context)
        guard try store.remove(named: name) else { throw ScopeError(.notFound(name: name, profile: store.profile)) }
        context.info(.filterRemoved(name))
        return .ok
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        FilterNameCompletion.complete(request, in: context)
    }
}
