import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// `restore ID|KEY`: clear `deleted_at` of a row whose object still exists.
struct RestoreCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Undo a soft-delete: clear the row's deleted_at when its object still exists.",
        discussion: """
            With a key, the most recently deleted row of that key comes back (one row: restoring
            every old row would create duplicates); with an id, that row. The object must exist —
            R2 keeps no old versions, so a deleted object cannot come back; upload the file again
            instead. A key that already has an active row is left alone.

            EXAMPLES:
              restore 'fichas/foto 1.jpg'
              restore 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
            """)

    @Argument(help: ArgumentHelp("Row id or object key.", valueName: "ID|KEY"))
    var item: String

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        await Completion.keysAndIDs(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let access = try StorageAccess(context)
        let actor = try access.actor()
        let store = try access.store()
        let catalog = try access.catalog()
        let located = try await Locator(catalog: catalog, mapping: try access.mapping(), store: store).locate(item)
        let deleted = located.deletedTargets.sorted { ($0.deletedAt ?? .distantPast) > ($1.deletedAt ?? .distantPast) }
        // A key with an active row is not deleted (restoring an older row would duplicate it).
        if !located.activeTargets.isEmpty { throw CommandError(.notDeleted(item), status: .failure) }
        guard let row = deleted.first else {
            throw CommandError(.noDeletedRow(item), hint: .notFoundHint, status: .failure)
        }
        guard let key = located.key else {
            throw CommandError(.noKey(item), hint: .noKeyHint, status: .failure)
        }
        guard let object = try await store.headCanonical(key) else {
            throw CommandError(
                .restoreObjectGone(key), hint: .restoreObjectGoneHint(Format.word(Self.folder(of: key))), status: .failure)
        }
        let changed = try await catalog.restore(ids: [row.id], actor: actor)
        guard changed == 1, let restored = try await catalog.record(id: row.id) else {
            throw CommandError(.restoreNoChange(row.id.uuidString.lowercased()), status: .failure)
        }
        if object.size != restored.size, let size = restored.size {
            context.warn(.mismatchSize(row: size, object: object.size))
        }
        context.summary(RecordFields.all(restored, context.format))
        Completion.invalidate(context)
        return .ok
    }

    /// `fichas/2026/a.pdf` → `fichas/2026` (for the hint's `upload FILE --to …`).
    static func folder(of key: String) -> String {
        guard let slash = key.lastIndex(of: "/") else { return "" }
        return String(key[..<slash])
    }
}
