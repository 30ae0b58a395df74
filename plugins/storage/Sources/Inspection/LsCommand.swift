import FoundationEssentials
import ArgumentParser
import Catalog
import ObjectStore
import R2SCore
import Scope
import ScopeCommandLine

/// `ls [PREFIX]`: the bucket joined with the catalog.
struct LsCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List files: the bucket joined with the catalog, with a status per line.",
        discussion: """
            Every object in scope appears, with its row when it has one; rows whose object is gone
            appear too. STATUS is one of: ok, duplicate (several active rows for one object), no
            record (object without a row), object missing (active row without an object),
            soft-deleted (a deleted row: shown when its object still exists, and for every deleted
            row with --deleted), foreign url / bad url (rows not naming an object of this bucket;
            listed only without a scope).

            PREFIX is a folder (`fichas` means `fichas/`, never `fichas2/`). The scope flags are
            the same as for `sync` and `check`; object sizes and dates are the bucket's, and types
            come from the row (else the extension). Output streams as the bucket is listed, so a
            100k-key bucket starts printing at once; --sort must read everything first (name = key
            order, size = largest first, date = newest first). --limit stops early.

            EXAMPLES:
              ls fichas
              ls --status missing
              ls --status uncatalogued --json
              ls fotos --type 'image/*' --newer-than 7d --sort size --limit 20
              ls --filter pdfs --deleted --csv
            """)

    @Argument(help: ArgumentHelp("Folder to list (default: the whole bucket).", valueName: "PREFIX"))
    var prefix: String?

    @OptionGroup var scope: ScopeOptions

    @Flag(help: "Also list soft-deleted rows.")
    var deleted = false

    @Option(
        help: ArgumentHelp(
            "Only this status: ok, missing, uncatalogued, deleted, duplicate, foreign, bad-url (repeatable).",
            valueName: "STATUS"))
    var status: [String] = []

    @Option(help: ArgumentHelp("Stop after N lines.", valueName: "N"))
    var limit: Int?

    @Option(help: ArgumentHelp("Sort by name, size or date (reads everything first).", valueName: "KEY"))
    var sort: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let sort, !["name", "size", "date"].contains(sort) { throw ValidationError("--sort must be name, size or date") }
        for s in status where Consistency.Status(filter: s) == nil {
            throw ValidationError("--status \(s): expected ok, missing, uncatalogued, deleted, duplicate, foreign or bad-url")
        }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        if request.option == "--status" {
            return ["ok", "missing", "uncatalogued", "deleted", "duplicate", "foreign", "bad-url"].filter { $0.hasPrefix(request.prefix) }
        }
        if request.option == "--sort" { return ["name", "size", "date"].filter { $0.hasPrefix(request.prefix) } }
        if request.option != nil { return ScopeOptions.complete(request, in: context) }
        return await Completion.prefixes(request.prefix, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let resolved = try scope.resolve(prefixes: prefix.map { [$0] } ?? [], in: context)
        let access = try StorageAccess(context)
        let wanted = Set(status.compactMap(Consistency.Status.init(filter:)))
        let bucketOnly: Set<Consistency.Status> = [.ok, .noRecord, .duplicate]
        let join = ListingJoin(
            store: try access.store(), catalog: try access.catalog(), mapping: try access.mapping(), scope: resolved,
            includeDeleted: deleted || wanted.contains(.softDeleted),
            wantsCatalogSide: wanted.isEmpty || !wanted.isSubset(of: bucketOnly))
        let rows = context.rows(context.format == .table ? Self.tableColumns : Self.columns)
        defer { rows.finish() }
        var buffered: [ListingEntry] = []
        try await join.run { entry in
            guard wanted.isEmpty || wanted.contains(entry.status) else { return true }
            if sort != nil {
                buffered.append(entry)
                return true
            }
            rows.add(cells(entry, context.format))
            return limit.map { rows.rowCount < $0 } ?? true
        }
        if let sort {
            for entry in Self.sorted(buffered, by: sort).prefix(limit ?? Int.max) { rows.add(cells(entry, context.format)) }
        }
        return .ok
    }

    static func sorted(_ entries: [ListingEntry], by key: String) -> [ListingEntry] {
        switch key {
        case "size": entries.sorted { (size($0) ?? -1) > (size($1) ?? -1) }
        case "date": entries.sorted { (modified($0) ?? .distantPast) > (modified($1) ?? .distantPast) }
        default: entries.sorted { ($0.key ?? $0.row?.url ?? "").utf8.lexicographicallyPrecedes(($1.key ?? $1.row?.url ?? "").utf8) }
        }
    }

    private static func size(_ e: ListingEntry) -> Int64? { e.object?.size ?? e.row?.size }
    private static func modified(_ e: ListingEntry) -> Date? { e.object?.lastModified ?? e.row?.updatedAt }

    private func cells(_ e: ListingEntry, _ format: OutputFormat) -> [OutputValue] {
        let type = e.row?.contentType ?? e.key.map { MediaTypes.type(forKey: $0) }
        var out: [OutputValue] = [
            .text(e.row?.nome), .text(e.key ?? e.row?.url), .text(type), Format.size(Self.size(e), format),
            Format.date(e.row?.createdAt, format), Format.date(Self.modified(e), format),
            .text(Format.referencia(e.row)), .string(e.status.rawValue),
        ]
        if format != .table { out.append(Format.uuid(e.row?.id)) }
        return out
    }

    static let tableColumns = [
        OutputColumn("nome", title: "NAME"), OutputColumn("key"), OutputColumn("content_type", title: "TYPE"),
        OutputColumn("size", alignRight: true), OutputColumn("created_at", title: "CREATED"),
        OutputColumn("modified"), OutputColumn("referencia", title: "REF"), OutputColumn("status"),
    ]
    static let columns = tableColumns + [OutputColumn("id")]
}
