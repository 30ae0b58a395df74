import Catalog
import FoundationEssentials
import Synchronization

extension SyncEngine {
    /// Checkpointed apply (issue 17 §3): the plan is written in chunks of at most
    /// `options.changesPerTransaction` changes, each chunk re-checked against the catalog and then
    /// committed in a transaction of its own. No transaction grows with the bucket (a long one
    /// holds back vacuum on the app's database), and a run that dies part-way leaves every
    /// committed chunk in place.
    ///
    /// A rerun needs no checkpoint file to continue: it reads both sides again, and what the
    /// committed chunks did is now the catalog's state: an added row exists (so its key is no
    /// longer a missing row), a soft-deleted row is deleted (so it is no longer an orphan). It
    /// plans only the rest, inserts nothing twice and deletes nothing that was not an orphan of
    /// the fresh reading. The guards (empty listing, max-delete) were decided on the complete plan
    /// before the first chunk (`SyncEngine.sync`), never per chunk.
    ///
    /// Order as in the single-transaction apply: additions, then restores, then soft-deletes,
    /// so a stop half-way leaves extra rows rather than missing ones.
    func applyInChunks(
        _ plan: SyncPlan, options: SyncOptions, chunkSize: Int, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> (added: Int, removed: Int, restored: Int) {
        let total = plan.changeCount
        let chunk = max(1, chunkSize)
        let insertSize = max(1, options.insertBatchSize), updateSize = max(1, options.updateBatchSize)
        let actor = options.actor, cutoff = options.youngCutoff
        var done = 0, committed = 0
        var added = 0, removed = 0, restored = 0
        observer(.applying(done: 0, total: total))
        do {
            let additions = try await fitSizes(plan.additions, observer: observer)
            for part in additions.chunked(chunk) {
                try Task.checkCancellation()
                let fresh = try await unclaimed(part, cutoff: cutoff)
                let rows = try await catalog.withTransaction { writer in
                    var n = 0
                    for batch in fresh.chunked(insertSize) { n += try await writer.insert(batch.map(\.record)).count }
                    return n
                }
                added += rows
                done += part.count
                committed = done
                if !fresh.isEmpty { observer(.added(fresh)) }
                observer(.applying(done: done, total: total))
            }
            for (restoring, changes) in [(true, plan.restorations), (false, plan.removals)] {
                for part in changes.chunked(chunk) {
                    try Task.checkCancellation()
                    let valid = try await stillValid(part, cutoff: cutoff, restoring: restoring)
                    let rows = try await catalog.withTransaction { writer in
                        var n = 0
                        for batch in valid.chunked(updateSize) {
                            let ids = batch.map(\.id)
                            n += restoring ? try await writer.restore(ids: ids, actor: actor) : try await writer.softDelete(ids: ids, actor: actor)
                        }
                        return n
                    }
                    if restoring { restored += rows } else { removed += rows }
                    done += part.count
                    committed = done
                    if !valid.isEmpty { observer(restoring ? .restored(valid) : .removed(valid)) }
                    observer(.applying(done: done, total: total))
                }
            }
            return (added, removed, restored)
        } catch let error where !(error is CancellationError) {
            // Committed chunks stay; the chunk that failed was rolled back (on stores with transactions).
            throw SyncError.applyFailed(cause: error, done: committed, total: total)
        }
    }
}
