import ArgumentParser
import Catalog
import ObjectStore
import R2SCore

/// `show ID|KEY|URL…`: the catalog row(s) and the object's HEAD side by side, with mismatches.
struct ShowCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a file's catalog row(s) and its object (type, size, ETag, date), and where they disagree.",
        discussion: """
            The argument is a row id, an object key, or a public url (either spelling: encoded
            `%20` or raw with spaces). All rows of the key are shown, soft-deleted ones included.
            Mismatches (object missing, no row, size or type differ, duplicate active rows, a row
            soft-deleted while its object exists) are listed with what to do about each.

            EXAMPLES:
              show 'fichas/foto 1.jpg'
              show 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
              show 'https://files.example.com/fichas/foto%201.jpg'
              show fichas/a.pdf fichas/b.pdf --json
            """)

    @Argument(help: ArgumentHelp("Row id, object key or public url.", valueName: "ID|KEY|URL"))
    var items: [String]

    func validate() throws {
        if items.isEmpty { throw ValidationError("give at least one ID, KEY or URL") }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        await Completion.keysAndIDs(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let access = try StorageAccess(context)
        let store = try access.store()
        let mapping = try await access.writeMapping(announce: false)  // only compares with what is written
        let locator = Locator(catalog: try access.catalog(), mapping: mapping, store: store)
        let tally = ItemTally(context)
        var documents: [OutputValue] = []
        let csv = context.format == .csv ? context.rows(Self.csvColumns) : nil
        for item in items {
            do {
                let located = try await locator.locate(item)
                let object = try await located.key.asyncMap { try await store.headCanonical($0) } ?? nil
                guard object != nil || !located.records.isEmpty else {
                    throw CommandError(.notFound(item), hint: .notFoundHint, status: .failure)
                }
                let mismatches = Consistency.mismatches(
                    key: object?.key ?? located.key, object: object, rows: located.records, mapping: mapping)
                let shown = ShownItem(located: located, object: object, mismatches: mismatches)
                if let csv {
                    shown.addRows(to: csv, context)
                } else if context.format == .json {
                    documents.append(shown.document(context))
                } else {
                    shown.printText(context, mapping: mapping)
                }
                tally.success()
            } catch {
                tally.failure(item, error)
            }
        }
        if context.format == .json {
            context.console.write(JSONWriter.encode(documents.count == 1 ? documents[0] : .array(documents)) + "\n")
        }
        csv?.finish()
        return tally.status
    }

    static let csvColumns =
        ["key", "object", "object_type", "object_size", "object_etag", "object_modified"].map { OutputColumn($0) }
        + RecordFields.names.map { OutputColumn($0) } + [OutputColumn("mismatches")]
}

/// One `show` result and its three renderings.
struct ShownItem {
    var located: Located
    var object: ObjectInfo?
    var mismatches: [LocalizedText]

    var key: String? { object?.key ?? located.key }

    func objectFields(_ format: OutputFormat) -> [(String, OutputValue)] {
        guard let object else { return [] }
        return [
            ("type", .text(object.contentType)), ("size", Format.size(object.size, format)),
            ("etag", .text(object.etag)), ("modified", Format.date(object.lastModified, format)),
        ]
    }

    func printText(_ context: ShellContext, mapping: KeyMapping) {
        let c = context.console
        var head: [(String, OutputValue)] = [("key", .text(key))]
        // The row's url as stored (the catalog's spelling); a working link when there is no row.
        let stored = located.records.first { !$0.isDeleted }?.url ?? located.records.first?.url
        if let key { head.append(("url", .string(stored ?? mapping.link(for: key)))) }
        if key != nil { head.append(("object", .string(context.text(object == nil ? .objectAbsent : .objectPresent)))) }
        head += objectFields(.table).map { ("  " + $0.0, $0.1) }
        context.summary(head)
        for (i, row) in located.records.enumerated() {
            c.writeLine()
            c.writeLine(context.text(.recordHeading(i + 1, located.records.count, deleted: row.isDeleted)))
            context.summary(RecordFields.all(row, .table).map { ("  " + $0.0, $0.1) })
        }
        if located.records.isEmpty {
            c.writeLine()
            c.writeLine(context.text(.noRecords))
        }
        if !mismatches.isEmpty {
            c.writeLine()
            c.writeLine(context.text(.mismatchesHeading))
            for m in mismatches { c.writeLine("  - " + context.text(m)) }
        }
    }

    func document(_ context: ShellContext) -> OutputValue {
        .object([
            ("input", .string(located.input)),
            ("key", .text(key)),
            ("object", object == nil ? .null : .object(objectFields(.json))),
            ("records", .array(located.records.map { .object(RecordFields.all($0, .json)) })),
            ("mismatches", .array(mismatches.map { .string(context.text($0)) })),
        ])
    }

    func addRows(to writer: RowWriter, _ context: ShellContext) {
        let objectCells: [OutputValue] = [
            .text(key), .bool(object != nil), .text(object?.contentType), .number(object?.size), .text(object?.etag),
            Format.date(object?.lastModified, .csv),
        ]
        let notes = OutputValue.string(mismatches.map { context.text($0) }.joined(separator: "; "))
        if located.records.isEmpty {
            writer.add(objectCells + RecordFields.names.map { _ in .null } + [notes])
        }
        for row in located.records {
            writer.add(objectCells + RecordFields.names.map { RecordFields.cell($0, of: row, .csv) } + [notes])
        }
    }
}

extension Optional {
    /// `map` with an async throwing transform.
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
