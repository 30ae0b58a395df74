import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import Services

/// `restore ID|KEY`: bring the object back from the trash when it is gone, then clear the row's
/// `deleted_at`.
struct RestoreCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Undo a deletion: bring the object back from the trash if needed, then clear the row's deleted_at.",
        discussion: """
            With a key, the most recently deleted row of that key comes back (one row: restoring
            every old row would create duplicates); with an id, that row. When the object is gone
            from its key, the latest copy in the trash comes back first (with an id, the copy that
            row's deletion made; --from TIME takes the latest copy deleted at or before TIME) and
            leaves the trash. A key that already has an active row is left alone. Without a trash
            copy a deleted object cannot come back (R2 keeps no old versions). --dry-run prints
            what would be done.

            EXAMPLES:
              restore 'fichas/foto 1.jpg'
              restore 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
              restore fichas/a.pdf --from 2026-05-01T12:00:00Z --dry-run
            """)

    @Argument(help: ArgumentHelp("Row id or object key.", valueName: "ID|KEY"))
    var item: String

    @Option(name: .customLong("from"), help: ArgumentHelp("Take the trash copy deleted at or before TIME (ISO date or 7d).", valueName: "TIME"))
    var from: String?

    @Flag(name: .customLong("dry-run"), help: "Print what would be done; change nothing.")
    var dryRun = false

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
        guard let key = located.key else {
            if deleted.isEmpty { throw CommandError(.noDeletedRow(item), hint: .notFoundHint, status: .failure) }
            throw CommandError(.noKey(item), hint: .noKeyHint, status: .failure)
        }
        let row = deleted.first
        let object = try await store.headCanonical(key)
        var copy: TrashEntry?
        var trash: Trash?
        if object == nil {
            trash = try access.trash()
            copy = try await trashCopy(of: key, row: row?.id, in: trash)
        }
        guard row != nil || copy != nil else { throw CommandError(.noDeletedRow(item), hint: .notFoundHint, status: .failure) }
        if dryRun {
            let rows = context.rows(RmDryRun.columns)
            if let copy, let trash {
                rows.add([.string("copy-from-trash"), .string(key), .string(RmDryRun.trashDescription(trash, copy.trashKey))])
            }
            if let row { rows.add([.string("restore-row"), .string(key), .string(row.id.uuidString.lowercased())]) }
            if let copy { rows.add([.string("remove-trash-copy"), .string(key), .string(copy.trashKey)]) }
            rows.finish()
            return .ok
        }
        if let copy, let trash {
            // The object first: a row must never come back pointing at nothing.
            try await trash.bringBack(copy, to: key)
            context.info(.restoreBackFromTrash(key, CatalogTimestamp.format(copy.deletedAt)))
        }
        guard let row else {
            if let copy, let trash { await discard(copy, trash, context) }
            Completion.invalidate(context)
            return .ok
        }
        let changed = try await catalog.restore(ids: [row.id], actor: actor)
        guard changed == 1, let restored = try await catalog.record(id: row.id) else {
            throw CommandError(.restoreNoChange(row.id.uuidString.lowercased()), status: .failure)
        }
        if let copy, let trash { await discard(copy, trash, context) }
        let size = object?.size ?? copy?.size
        if let size, size != restored.size, let rowSize = restored.size {
            context.warn(.mismatchSize(row: rowSize, object: size))
        }
        context.summary(RecordFields.all(restored, context.format))
        Completion.invalidate(context)
        return .ok
    }

    /// The trash copy to bring back: deleted at or before `--from`, made by `row`'s deletion
    /// when there is one, else the latest. Throws (with what to do) when there is none.
    private func trashCopy(of key: String, row: UUID?, in trash: Trash?) async throws -> TrashEntry? {
        let bound = try from.map { text throws -> Date in
            if let date = CatalogTimestamp.parse(text) { return date }
            do {
                return try TimeBound(parsing: text).instant(now: Date())
            } catch {
                throw ValidationError("--from: '\(text)' is not a time (2026-05-01, 2026-05-01T12:00:00Z or 7d)")
            }
        }
        guard let trash else {
            throw CommandError(
                .restoreObjectGone(key), hint: .restoreObjectGoneHint(Format.word(Self.folder(of: key))), status: .failure)
        }
        var copies = try await trash.entries(of: key)
        if let bound {
            copies = copies.filter { $0.deletedAt <= bound }
            guard !copies.isEmpty else {
                throw CommandError(
                    .restoreNoCopyAt(key, CatalogTimestamp.format(bound)), hint: .restoreNoCopyAtHint(Format.word(key)),
                    status: .failure)
            }
        }
        if let row, let own = copies.first(where: { $0.rowID == row }) { return own }
        guard let latest = copies.first else {
            throw CommandError(
                .restoreNotInTrash(key), hint: .restoreObjectGoneHint(Format.word(Self.folder(of: key))), status: .failure)
        }
        return latest
    }

    /// The copy leaves the trash once the object is back (a failure only leaves an extra copy).
    private func discard(_ copy: TrashEntry, _ trash: Trash, _ context: ShellContext) async {
        let failed = (try? await trash.remove([copy])).map { !$0.isEmpty } ?? true
        if failed { context.warn(.restoreTrashCleanupFailed(copy.trashKey)) }
    }

    /// `fichas/2026/a.pdf` → `fichas/2026` (for the hint's `upload FILE --to …`).
    static func folder(of key: String) -> String {
        guard let slash = key.lastIndex(of: "/") else { return "" }
        return String(key[..<slash])
    }
}
