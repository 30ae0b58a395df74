import Catalog
import FoundationEssentials

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
        var done = 0
        var counts = (added: 0, removed: 0, restored: 0)
        observer(.applying(done: 0, total: total))
        do {
            func write(_ part: SyncPlan) async throws {
                let r = try await applyChunk(part, checkpoint: nil, options: options, observer: observer)
                counts = (counts.added + r.added, counts.removed + r.removed, counts.restored + r.restored)
                done += part.changeCount
                observer(.applying(done: done, total: total))
            }
            for part in try await fitSizes(plan.additions, observer: observer).chunked(chunk) { try await write(SyncPlan(additions: Array(part))) }
            for part in plan.restorations.chunked(chunk) { try await write(SyncPlan(restorations: Array(part))) }
            for part in plan.removals.chunked(chunk) { try await write(SyncPlan(removals: Array(part))) }
            return counts
        } catch let error where !(error is CancellationError) {
            // Committed chunks stay; the chunk that failed was rolled back (on stores with transactions).
            throw SyncError.applyFailed(cause: error, done: done, total: total)
        }
    }

    /// One chunk: its changes re-checked against the catalog just before (§2), then written in
    /// one transaction — additions, then restores, then soft-deletes — which, over a
    /// `LeaseGuardedCatalog`, commits only under the partition's lease and records `checkpoint`
    /// in its lease row. The rows written of each kind, announced once committed.
    func applyChunk(
        _ part: SyncPlan, checkpoint: String?, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> (added: Int, removed: Int, restored: Int) {
        try Task.checkCancellation()
        let insertSize = max(1, options.insertBatchSize), updateSize = max(1, options.updateBatchSize)
        let actor = options.actor, cutoff = options.youngCutoff
        let fresh = part.additions.isEmpty ? [] : try await unclaimed(part.additions[...], cutoff: cutoff)
        let restoring = part.restorations.isEmpty ? [] : try await stillValid(part.restorations[...], cutoff: cutoff, restoring: true)
        let removing = part.removals.isEmpty ? [] : try await stillValid(part.removals[...], cutoff: cutoff, restoring: false)
        let written = try await catalog.withTransaction(checkpoint: checkpoint) { writer in
            var n = ChunkCounts()
            for batch in fresh.chunked(insertSize) { n.added += try await writer.insert(batch.map(\.record)).count }
            for batch in restoring.chunked(updateSize) { n.restored += try await writer.restore(ids: batch.map(\.id), actor: actor) }
            for batch in removing.chunked(updateSize) { n.removed += try await writer.softDelete(ids: batch.map(\.id), actor: actor) }
            return n
        }
        if !fresh.isEmpty { observer(.added(fresh)) }
        if !restoring.isEmpty { observer(.restored(restoring)) }
        if !removing.isEmpty { observer(.removed(removing)) }
        return (written.added, written.removed, written.restored)
    }
}

/// Rows one chunk's transaction wrote, by kind.
private struct ChunkCounts: Sendable {
    var added = 0, removed = 0, restored = 0
}
