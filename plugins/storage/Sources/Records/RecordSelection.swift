import ArgumentParser
import Catalog
import R2SCore

/// The row filters `records count|where` share.
struct RecordSelection: ParsableArguments {
    @Option(
        name: .customLong("where"),
        help: ArgumentHelp("A condition COLUMN OP VALUE (repeatable: all must hold).", valueName: "COND"))
    var conditions: [String] = []

    @Option(name: .customLong("null"), help: ArgumentHelp("Only rows where COLUMN is null.", valueName: "COLUMN"))
    var nullColumns: [String] = []

    @Option(name: .customLong("not-null"), help: ArgumentHelp("Only rows where COLUMN is not null.", valueName: "COLUMN"))
    var notNullColumns: [String] = []

    @Flag(name: .customLong("all"), help: "Active and soft-deleted rows (default: active only).")
    var all = false

    @Flag(name: .customLong("deleted"), help: "Only soft-deleted rows.")
    var deletedOnly = false

    /// The validated filter, with `extra` conditions (positional ones of `records where`).
    func filter(extra: [String] = []) throws -> RecordFilter {
        if all && deletedOnly { throw CommandError(.allAndDeleted, status: .usage) }
        for column in nullColumns + notNullColumns where !RecordFields.names.contains(column) {
            throw CommandError(.unknownColumn(column), hint: .knownColumns(RecordFields.names.joined(separator: ", ")), status: .usage)
        }
        let parsed = try (conditions + extra).map(RecordCondition.init(parsing:))
        return RecordFilter(
            conditions: parsed, nullColumns: nullColumns, notNullColumns: notNullColumns,
            deleted: deletedOnly ? .only : all ? .include : .exclude)
    }
}

/// Conditions on catalog rows, evaluated partly by the store and always, exactly, in process.
///
/// Pushed down to the store (through `RecordQuery`, so PostgREST/Postgres/SQLite each filter in
/// their own safe, parameterized way): active/deleted, one `url~PREFIX`, and `content_type=T` or
/// `content_type~FAMILY/`. Everything else is checked here on the streamed rows.
struct RecordFilter: Sendable {
    var conditions: [RecordCondition]
    var nullColumns: [String]
    var notNullColumns: [String]
    var deleted: RecordQuery.Deleted

    /// True when no condition narrows the rows beyond `deleted` (a plain `count` can ask the store).
    var isTrivial: Bool { conditions.isEmpty && nullColumns.isEmpty && notNullColumns.isEmpty }

    /// The store-side superset of the rows.
    func query(pageSize: Int = 1000) -> RecordQuery {
        var q = RecordQuery(deleted: deleted, pageSize: pageSize)
        if deleted == .include {
            if nullColumns.contains("deleted_at") { q.deleted = .exclude }
            if notNullColumns.contains("deleted_at") { q.deleted = .only }
        }
        if let url = conditions.first(where: { $0.column == "url" && $0.op == .prefix && !$0.raw.isEmpty }) {
            q.urlPrefixes = [url.raw]
        }
        if let type = conditions.first(where: { $0.column == "content_type" && $0.op == .equal }) {
            q.contentTypes = [type.raw]
        } else if let family = conditions.first(where: {
            $0.column == "content_type" && $0.op == .prefix && $0.raw.hasSuffix("/") && $0.raw.count > 1
        }) {
            q.contentTypes = [family.raw + "*"]
        }
        return q
    }

    func matches(_ record: CatalogRecord) -> Bool {
        switch deleted {
        case .exclude: if record.isDeleted { return false }
        case .only: if !record.isDeleted { return false }
        case .include: break
        }
        for column in nullColumns where RecordFields.value(column, of: record) != .null { return false }
        for column in notNullColumns where RecordFields.value(column, of: record) == .null { return false }
        return conditions.allSatisfy { $0.matches(record) }
    }
}
