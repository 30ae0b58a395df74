import Catalog
import FoundationEssentials

extension SyncEngine {
    /// Applies a partitioned plan: the spilled files read back `changesPerTransaction` changes at
    /// a time (5,000 when unset: one transaction for a whole spilled plan would grow with the
    /// bucket), each part through the checkpointed apply — additions, then restores, then
    /// soft-deletes, each part re-checked against the catalog and committed on its own.
    ///
    /// The guards must have passed (`planned.refusal == nil`): this does not look at them again.
    public func apply(
        _ planned: PartitionedPlan, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> (added: Int, removed: Int, restored: Int) {
        let total = planned.changeCount
        let chunk = max(1, options.changesPerTransaction ?? 5000)
        var done = 0
        var counts = (added: 0, removed: 0, restored: 0)
        observer(.applying(done: 0, total: total))
        do {
            try await planned.forEachChunk(size: chunk) { part in
                let offset = done
                let shifted: @Sendable (SyncEvent) -> Void = { event in
                    if case .applying(let d, _) = event { observer(.applying(done: offset + d, total: total)) } else { observer(event) }
                }
                do {
                    let r = try await applyInChunks(part, options: options, chunkSize: chunk, observer: shifted)
                    counts.added += r.added
                    counts.removed += r.removed
                    counts.restored += r.restored
                } catch SyncError.applyFailed(let cause, let d, _) {
                    throw SyncError.applyFailed(cause: cause, done: offset + d, total: total)
                }
                done += part.changeCount
            }
        } catch let error as SpillError {
            throw SyncError.applyFailed(cause: error, done: done, total: total)
        }
        return counts
    }

    /// `sync` on the partitioned path, once planned into files (guards decided on the totals):
    /// ask `confirm` (with the counts; the returned plan holds no changes), apply, remove the files.
    func applyingSpilled(
        _ planned: PartitionedPlan, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void,
        confirm: @escaping @Sendable (SyncResult) async -> Bool
    ) async throws -> SyncResult {
        defer { planned.remove() }
        var result = SyncResult(plan: SyncPlan(), summary: planned.summary, refusal: planned.refusal)
        guard planned.refusal == nil, planned.changeCount > 0 else { return result }
        guard await confirm(result) else {
            result.declined = true
            return result
        }
        let (added, removed, restored) = try await apply(planned, options: options, observer: observer)
        result.summary.added = added
        result.summary.removed = removed
        result.summary.restored = restored
        result.applied = true
        return result
    }
}
