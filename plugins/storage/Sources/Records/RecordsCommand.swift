import ArgumentParser
import Catalog
import FoundationEssentials
import R2SCore

/// `records count|show|where`: ad-hoc inspection of the catalog without writing SQL.
struct RecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Inspect catalog rows: count, show by id, list with conditions on any column.",
        discussion: """
            Conditions are COLUMN OP VALUE with OP one of = != < <= > >= ~ (starts with) !~ (does
            not start with) *= (contains); --null COL / --not-null COL test for null. Columns:
            \(RecordFields.names.joined(separator: ", ")).
            Values are typed by column (uuid, whole bytes for size, dates such as 2026-01-31 or
            2026-01-31T10:00:00Z) and never become SQL text: the active/deleted choice, one url~
            prefix and content_type=/~ are passed to the store as parameters, the rest is checked
            by r2s on the streamed rows. Text compares byte-wise and case-sensitively. Active rows
            only unless --all (both) or --deleted (only soft-deleted).

            EXAMPLES:
              records count
              records count --by content_type --all
              records where 'size>1048576' 'content_type~image/' --limit 20
              records where 'nome*=relatório' --columns id,nome,url
              records where --null referencia_id --deleted
              records show 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
            """,
        subcommands: [RecordsCountCommand.self, RecordsShowCommand.self, RecordsWhereCommand.self])
}

/// `records count [--by COLUMN]`.
struct RecordsCountCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count rows (optionally grouped by a column).",
        discussion: """
            EXAMPLES:
              records count
              records count --where 'content_type~image/' --all
              records count --by tipo_referencia
            """)

    @OptionGroup var selection: RecordSelection

    @Option(help: ArgumentHelp("Count per value of this column.", valueName: "COLUMN"))
    var by: String?

    func run(in context: ShellContext) async throws -> ExitStatus {
        let filter = try selection.filter()
        if let by, !RecordFields.names.contains(by) {
            throw CommandError(.unknownColumn(by), hint: .knownColumns(RecordFields.names.joined(separator: ", ")), status: .usage)
        }
        let catalog = try StorageAccess(context).catalog()
        guard let by else {
            let count: Int
            if filter.isTrivial {
                count = try await catalog.count(filter.query())
            } else {
                var n = 0
                for try await page in catalog.records(filter.query()) { n += page.lazy.filter(filter.matches).count }
                count = n
            }
            if context.format == .table {
                context.console.writeLine(String(count))
            } else {
                context.summary([("count", .int(Int64(count)))])
            }
            return .ok
        }
        var groups: [String: Int] = [:]
        var nulls = 0
        for try await page in catalog.records(filter.query()) {
            for row in page where filter.matches(row) {
                let value = RecordFields.value(by, of: row) ?? .null
                if value == .null { nulls += 1 } else { groups[value.plain, default: 0] += 1 }
            }
        }
        let rows = context.rows([OutputColumn(by), OutputColumn("count", alignRight: true)])
        for (value, n) in groups.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            rows.add([.string(value), .int(Int64(n))])
        }
        if nulls > 0 { rows.add([.null, .int(Int64(nulls))]) }
        rows.finish()
        return .ok
    }
}

/// `records show ID…`: every column of rows by id.
struct RecordsShowCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every column of rows by id (soft-deleted ones too).",
        discussion: """
            EXAMPLES:
              records show 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
              records show 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f 7c1d2e3f-0a1b-4c2d-8e3f-4a5b6c7d8e9f --json
            """)

    @Argument(help: ArgumentHelp("Row ids.", valueName: "ID"))
    var ids: [String]

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one ID") }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        await Completion.ids(request.prefix, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let catalog = try StorageAccess(context).catalog()
        let tally = ItemTally(context)
        var found: [CatalogRecord] = []
        for text in ids {
            do {
                guard let id = UUID(uuidString: text) else { throw CommandError(.notAnID(text), status: .usage) }
                guard let row = try await catalog.record(id: id) else {
                    throw CommandError(.noRowWithID(text), status: .failure)
                }
                found.append(row)
                tally.success()
            } catch {
                tally.failure(text, error)
            }
        }
        if context.format == .table {
            for (i, row) in found.enumerated() {
                if i > 0 { context.console.writeLine() }
                context.summary(RecordFields.all(row, .table))
            }
        } else {
            let rows = context.rows(RecordFields.names.map { OutputColumn($0) })
            for row in found { rows.add(RecordFields.names.map { RecordFields.cell($0, of: row, context.format) }) }
            rows.finish()
        }
        return tally.status
    }
}

/// `records where COND…`: rows matching conditions, streamed.
struct RecordsWhereCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "where",
        abstract: "List rows matching conditions (COLUMN OP VALUE; see `records --help`).",
        discussion: """
            Rows stream in id order as the store reads them; --limit stops early. --sort
            name|size|date (nome, largest first, newest created_at first) reads every matching
            row first, keeping at most --limit of them.

            EXAMPLES:
              records where 'size>1048576'
              records where 'url~https://files.example.com/fichas/' 'created_at>=2026-01-01'
              records where 'created_by=3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f' --all --csv
              records where --not-null deleted_at --columns id,nome,deleted_at
              records where 'content_type~application/' --sort size --limit 5
            """)

    @Argument(help: ArgumentHelp("Conditions (all must hold).", valueName: "COND"))
    var expressions: [String] = []

    @OptionGroup var selection: RecordSelection

    @Option(help: ArgumentHelp("Stop after N rows.", valueName: "N"))
    var limit: Int?

    @Option(help: ArgumentHelp("Columns to print, comma-separated (default: all).", valueName: "LIST"))
    var columns: String?

    @Option(help: ArgumentHelp("Sort by name, size or date (reads every matching row first).", valueName: "KEY"))
    var sort: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let sort, RowSort(sort, limit: nil) == nil { throw ValidationError("--sort must be name, size or date") }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        request.option == "--sort" ? RowSort.keys.filter { $0.hasPrefix(request.prefix) } : []
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let filter = try selection.filter(extra: expressions)
        let names = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: " ") } } ?? RecordFields.names
        for name in names where !RecordFields.names.contains(name) {
            throw CommandError(.unknownColumn(name), hint: .knownColumns(RecordFields.names.joined(separator: ", ")), status: .usage)
        }
        let catalog = try StorageAccess(context).catalog()
        let rows = context.rows(names.map { OutputColumn($0, alignRight: $0 == "size") })
        defer { rows.finish() }
        var sorter = sort.flatMap { RowSort($0, limit: limit) }
        scan: for try await page in catalog.records(filter.query()) {
            for row in page where filter.matches(row) {
                if sorter != nil {
                    sorter?.add(row)
                    continue
                }
                rows.add(names.map { RecordFields.cell($0, of: row, context.format) })
                if let limit, rows.rowCount >= limit { break scan }
            }
        }
        if var sorter {
            for row in sorter.finish() { rows.add(names.map { RecordFields.cell($0, of: row, context.format) }) }
        }
        return .ok
    }
}
