import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope

/// What `filter test` found on each side: complete counts, the first `limit` matches.
struct FilterTestReport {
    let limit: Int
    var objectsListed = 0
    var objectsMatched = 0
    var objectBytes: Int64 = 0
    var objects: [ObjectInfo] = []
    var recordsRead = 0
    var recordsMatched = 0
    var recordBytes: Int64 = 0
    var recordsForeign = 0
    var recordsUnparseable = 0
    var records: [(key: String, record: CatalogRecord)] = []

    init(limit: Int) { self.limit = limit }

    /// Lists every list prefix of the scope and keeps the objects it matches.
    mutating func scanObjects(_ store: any ObjectStore, scope: Scope) async throws {
        for prefix in scope.listPrefixes {
            for try await page in store.list(ListOptions(prefix: prefix)) {
                try Task.checkCancellation()
                for object in page.objects {
                    objectsListed += 1
                    guard scope.matches(object: object) else { continue }
                    objectsMatched += 1
                    objectBytes += object.size
                    if objects.count < limit { objects.append(object) }
                }
            }
        }
    }

    /// Reads the scope's catalog superset and keeps the rows whose url maps to a matching key.
    mutating func scanRecords(_ catalog: any CatalogStore, mapping: KeyMapping, scope: Scope) async throws {
        for try await batch in catalog.records(scope.recordQuery(mapping: mapping)) {
            try Task.checkCancellation()
            for record in batch {
                recordsRead += 1
                switch mapping.resolve(record.url) {
                case .foreign: recordsForeign += 1
                case .unparseable: recordsUnparseable += 1
                case .key(let key):
                    guard scope.matches(record: record, key: key) else { continue }
                    recordsMatched += 1
                    recordBytes += record.size ?? 0
                    if records.count < limit { records.append((key, record)) }
                }
            }
        }
    }

    static let columns = [
        OutputColumn("side"), OutputColumn("key"), OutputColumn("size", alignRight: true), OutputColumn("type"),
        OutputColumn("date"), OutputColumn("id"),
    ]

    func objectRow(_ o: ObjectInfo) -> [OutputValue] {
        [
            "object", .string(o.key), .int(o.size), .string(MediaTypes.type(forKey: o.key)),
            .text(o.lastModified.map(ISODate.format)), .null,
        ]
    }

    func recordRow(_ r: (key: String, record: CatalogRecord)) -> [OutputValue] {
        [
            "record", .string(r.key), .number(r.record.size), .text(r.record.contentType),
            .text(r.record.createdAt.map(ISODate.format)), .string(r.record.id.uuidString.lowercased()),
        ]
    }

    func counts(sides: FilterTestCommand.Side) -> [(String, OutputValue)] {
        var out: [(String, OutputValue)] = []
        if sides != .records {
            out += [
                ("objects_listed", .int(Int64(objectsListed))), ("objects_matched", .int(Int64(objectsMatched))),
                ("objects_bytes", .int(objectBytes)),
            ]
        }
        if sides != .objects {
            out += [
                ("records_read", .int(Int64(recordsRead))), ("records_matched", .int(Int64(recordsMatched))),
                ("records_bytes", .int(recordBytes)), ("records_foreign", .int(Int64(recordsForeign))),
                ("records_unparseable", .int(Int64(recordsUnparseable))),
            ]
        }
        return out
    }

    /// Table: the matches, a blank line, the counts. JSON: one object with counts and match
    /// arrays. CSV: the matches (counts on stderr unless `-q`).
    func print(in context: ShellContext, sides: FilterTestCommand.Side) {
        let keys = Self.columns.map(\.key)
        switch context.format {
        case .json:
            var fields = counts(sides: sides)
            if sides != .records {
                fields.append(("objects", .array(objects.map { .object(Array(zip(keys, objectRow($0)))) })))
            }
            if sides != .objects {
                fields.append(("records", .array(records.map { .object(Array(zip(keys, recordRow($0)))) })))
            }
            context.summary(fields)
        case .csv, .table:
            let rows = context.rows(Self.columns)
            for o in objects { rows.add(objectRow(o)) }
            for r in records { rows.add(recordRow(r)) }
            rows.finish()
            if objects.count < objectsMatched { context.info(.shownOf(objects.count, objectsMatched, "objects")) }
            if records.count < recordsMatched { context.info(.shownOf(records.count, recordsMatched, "records")) }
            if context.format == .table {
                context.console.write("\n")
                context.summary(counts(sides: sides))
            } else if !context.quiet {
                for (k, v) in counts(sides: sides) { context.console.writeErrorLine("\(k): \(v.plain)") }
            }
        }
    }
}
