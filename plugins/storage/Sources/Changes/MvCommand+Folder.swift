import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

extension MvCommand {
    /// One object of a folder move and what the survey found around it.
    struct FolderMove: Sendable {
        var from: String
        var to: String
        /// Active rows of `from` (moved with it).
        var rows: [CatalogRecord]
        /// Active rows of `to` (soft-deleted with --overwrite).
        var replacedRows: [CatalogRecord]
        var destinationExisted: Bool
    }

    /// `mv SRC/ DST/`: every object under SRC to the same relative key under DST, a listing page
    /// at a time — the rows of both folders read once (`FolderRows`), per batch one listing range
    /// of the destinations (`ExistingObjects`), the copies `jobs` at a time, the row updates of
    /// the batch in one statement and one transaction, then one batch delete of the sources. A batch
    /// whose rows cannot be updated deletes its copies again; a source left behind is named
    /// with the command that removes it.
    func moveFolder(in context: ShellContext) async throws -> ExitStatus {
        let access = try StorageAccess(context)
        let actor = try access.actor()
        let store = try access.store()
        let catalog = try access.catalog()
        // The catalog's url style is looked up only once a key to write would be spelled
        // differently by some style (as `upload` does): on a big catalog without a url index the
        // lookup is a whole-table scan, and plain keys are written alike by every style.
        var mapping = try access.writeMappingForPlainKeys()
        var styleResolved = false
        let from = Format.folder(source)
        let to = Format.folder(destination)
        guard !to.utf8.starts(with: from.utf8), !from.utf8.starts(with: to.utf8) else {
            throw CommandError(.folderInsideItself(from, to), status: .usage)
        }
        let tally = ItemTally(context)
        let rows = context.rows(Self.folderColumns)
        let board = CountBoard(context, verb: .moving, total: nil)
        let known = try await [FolderRows].read([from, KeyMapping.canonicalKey(to)], catalog: catalog, mapping: mapping)
        var mover = FolderMover(
            store: store, catalog: catalog, mapping: mapping, actor: actor, overwrite: overwrite, jobs: jobs, known: known)
        var pending: [ObjectInfo] = []
        func flush() async throws {
            guard !pending.isEmpty else { return }
            let batch = pending
            pending = []
            if !styleResolved, !KeyMapping.spelledAlikeInEveryStyle(to) || batch.contains(where: { !KeyMapping.spelledAlikeInEveryStyle($0.key) }) {
                mapping = try await access.writeMapping()
                styleResolved = true
                mover = FolderMover(
                    store: store, catalog: catalog, mapping: mapping, actor: actor, overwrite: overwrite, jobs: jobs, known: known)
            }
            await mover.move(batch, from: from, to: to, dryRun: dryRun, allowDotSegments: allowDotSegments) {
                key, target, result in
                board.advance(key: key)
                switch result {
                case .success(let status):
                    tally.success()
                    rows.add([.string(key), .string(target), .string(status)])
                case .failure(let error):
                    tally.failure(key, error)
                    rows.add([.string(key), .string(target), dryRun ? "would fail" : "failed"])
                }
            }
            board.checkpoint()
        }
        var listed = 0
        for try await page in store.list(ListOptions(prefix: from)) {
            listed += page.objects.count
            pending += page.objects
            if pending.count >= FolderMover.batchSize { try await flush() }
            if Task.isCancelled { break }
        }
        try await flush()
        board.clear()
        rows.finish()
        if listed == 0 { throw CommandError(.emptyFolder(from), hint: .emptyFolderHint, status: .failure) }
        if tally.succeeded > 0 && !dryRun { Completion.invalidate(context) }
        return tally.status
    }

    static let folderColumns = [OutputColumn("from"), OutputColumn("to"), OutputColumn("status")]
}
