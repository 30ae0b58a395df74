import ArgumentParser
import R2SCore
import Scope
import ScopeCommandLine

/// `filter ls`
struct FilterListCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the named filters of the active profile.",
        discussion: """
            EXAMPLES:
              filter ls
              filter ls --json
            """)

    func run(in context: ShellContext) async throws -> ExitStatus {
        let filters = try FilterStore(context: context).load()
        if filters.isEmpty && context.format == .table {
            context.info(.noFilters)
            return .ok
        }
        if context.format == .table {
            let rows = context.rows(FilterOutput.listColumns)
            for f in filters {
                rows.add([.string(f.name), .string(FilterOutput.rulesLine(f.rules)), .text(f.description)])
            }
            rows.finish()
        } else {
            let fields = FilterOutput.fields
            let columns = fields(NamedFilter(name: "", rules: FilterRules())).map { OutputColumn($0.0) }
            let rows = context.rows(columns)
            for f in filters { rows.add(fields(f).map(\.1)) }
            rows.finish()
        }
        return .ok
    }
}
