import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import ScopeCommandLine

/// `find`: rows of the catalog by name, type, reference, date and size (no bucket access).
struct FindCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find catalog rows by name, type, reference, date or size (answered from the catalog).",
        discussion: """
            Reads only the catalog, streaming. --name matches the row's nome with a glob (* ? [a-z]
            {a,b}; -i ignores case); --ref TIPO or TIPO:UUID matches tipo_referencia (and
            referencia_id); --since/--until bound created_at (a date such as 2026-01-31, a full
            timestamp, or an age such as 7d); the scope flags (--type, --min-size, --include,
            --filter …) apply as in `ls`, on the row's key, content_type (else the extension),
            size and created_at. Active rows only, unless --deleted (only soft-deleted rows) or
            --all (both). --sort name|size|date (nome, largest first, newest created_at first)
            reads every matching row first, keeping at most --limit of them.

            EXAMPLES:
              find --name '*.pdf' --since 2026-01-01
              find --ref ficha:3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
              find --type 'image/*' --min-size 5MiB --limit 50
              find --name '*.pdf' --sort size --limit 10
              find --name 'relat*' -i --deleted --json
            """)

    @Option(help: ArgumentHelp("Glob on the row's nome.", valueName: "GLOB"))
    var name: String?

    @Flag(name: [.customShort("i"), .customLong("ignore-name-case")], help: "--name ignores case.")
    var ignoreNameCase = false

    @Option(help: ArgumentHelp("tipo_referencia, optionally with referencia_id.", valueName: "TIPO[:UUID]"))
    var ref: String?

    @Option(help: ArgumentHelp("Created at or after (date or age).", valueName: "DATE"))
    var since: String?

    @Option(help: ArgumentHelp("Created before (date or age).", valueName: "DATE"))
    var until: String?

    @OptionGroup var scope: ScopeOptions

    @Flag(name: .customLong("deleted"), help: "Only soft-deleted rows.")
    var deletedOnly = false

    @Flag(help: "Active and soft-deleted rows.")
    var all = false

    @Option(help: ArgumentHelp("Stop after N rows.", valueName: "N"))
    var limit: Int?

    @Option(help: ArgumentHelp("Sort by name, size or date (reads every matching row first).", valueName: "KEY"))
    var sort: String?

    func validate() throws {
        if deletedOnly && all { throw ValidationError("--deleted and --all exclude each other") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let sort, RowSort(sort, limit: nil) == nil { throw ValidationError("--sort must be name, size or date") }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        if request.option == "--sort" { return RowSort.keys.filter { $0.hasPrefix(request.prefix) } }
        return ScopeOptions.complete(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let now = Date()
        let resolved = try scope.resolve(in: context, referenceDate: now)
        let glob = try name.map { try Glob($0, ignoreCase: ignoreNameCase) }
        let reference = try ref.map(Self.parseReference)
        let lower = try since.map { try Self.instant($0, now: now) }
        let upper = try until.map { try Self.instant($0, now: now) }
        let access = try StorageAccess(context)
        let catalog = try access.catalog()
        let mapping = try access.mapping()
        let columns = ["id", "nome", "key", "content_type", "size", "created_at", "referencia"] + (deletedOnly || all ? ["deleted_at"] : [])
        let rows = context.rows(columns.map { OutputColumn($0, alignRight: $0 == "size") })
        defer { rows.finish() }
        var sorter = sort.flatMap { RowSort($0, limit: limit) }
        scan: for try await page in catalog.records(in: resolved, mapping: mapping, deleted: deletedOnly ? .only : all ? .include : .exclude) {
            for row in page {
                var key: String?
                if case .key(let k) = mapping.resolve(row.url) { key = k }
                // A row outside the bucket has no key: it passes key rules only if they accept any key.
                guard resolved.matches(record: row, key: key ?? "") else { continue }
                if let glob, !glob.matches(row.nome) { continue }
                if let reference {
                    guard row.tipoReferencia == reference.tipo else { continue }
                    if let id = reference.id, row.referenciaId != id { continue }
                }
                if let lower { guard let created = row.createdAt, created >= lower else { continue } }
                if let upper { guard let created = row.createdAt, created < upper else { continue } }
                if sorter != nil {
                    sorter?.add(row)
                    continue
                }
                rows.add(cells(row, key: key, context.format))
                if let limit, rows.rowCount >= limit { break scan }
            }
        }
        if var sorter {
            for row in sorter.finish() { rows.add(cells(row, key: Self.key(row, mapping), context.format)) }
        }
        return .ok
    }

    private func cells(_ row: CatalogRecord, key: String?, _ format: OutputFormat) -> [OutputValue] {
        var cells: [OutputValue] = [
            Format.uuid(row.id), .string(row.nome), .text(key ?? row.url), .text(row.contentType),
            Format.size(row.size, format), Format.date(row.createdAt, format), .text(Format.referencia(row)),
        ]
        if deletedOnly || all { cells.append(Format.date(row.deletedAt, format)) }
        return cells
    }

    private static func key(_ row: CatalogRecord, _ mapping: KeyMapping) -> String? {
        if case .key(let k) = mapping.resolve(row.url) { return k }
        return nil
    }

    /// `TIPO` or `TIPO:UUID`.
    static func parseReference(_ text: String) throws -> (tipo: String, id: UUID?) {
        guard let colon = text.lastIndex(of: ":") else { return (text, nil) }
        guard let id = UUID(uuidString: String(text[text.index(after: colon)...])) else {
            throw ValidationError("--ref \(text): expected TIPO or TIPO:UUID")
        }
        return (String(text[..<colon]), id)
    }

    /// A date or an age (`7d` = seven days before now).
    static func instant(_ text: String, now: Date) throws -> Date {
        do {
            return try TimeBound(parsing: text).instant(now: now)
        } catch {
            throw CommandError(.badDate(text), status: .usage)
        }
    }
}
