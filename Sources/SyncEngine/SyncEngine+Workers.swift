import Catalog
import FoundationEssentials
import ObjectStore

/// Entry points for the workers of a shared run (`sync --workers N`, docs/scale.md "Many
/// workers"): each worker plans one partition with `planBounded`, the planner decides the guards
/// on the run's totals, and each worker applies its partition's plan with `applyInKeyOrder`.
extension SyncEngine {
    /// Applies an already planned (and globally approved) partition plan in checkpointed chunks
    /// **in key order** (`ChangePositions`; within a chunk additions, then restores, then
    /// soft-deletes, in one transaction), without taking the table's sync lock and without
    /// checking the guards again: the run's planner holds the lock and decided the guards on the
    /// totals of every partition. Each chunk commits through `catalog.withTransaction(checkpoint:)`,
    /// so over a `LeaseGuardedCatalog` it commits only under the partition's lease and records a
    /// key at or below which every change of the plan is written: what a takeover resumes after.
    ///
    /// Why key order rather than the single sync's additions-first order: a resume needs a key
    /// below which everything is done. What it costs: a rename across two chunks (the old key's
    /// row soft-deleted in one, the new key's row added in a later one) leaves the object without
    /// an active row for one chunk, or until the takeover (or the next sync) adds it.
    public func applyInKeyOrder(
        _ planned: BoundedPlan, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> (added: Int, removed: Int, restored: Int) {
        let positions = ChangePositions(mapping: mapping)
        let size = max(1, options.changesPerTransaction ?? 5000), total = planned.changeCount
        let merge: () throws -> KeyOrderedMerge
        switch planned {
        case .inMemory(let result): merge = KeyOrderedMerge.inMemory(result.plan, positions: positions)
        case .spilled(let spilled): merge = { try spilled.keyOrderedMerge(positions: positions) }
        }
        var done = 0
        var counts = (added: 0, removed: 0, restored: 0)
        observer(.applying(done: 0, total: total))
        do {
            // First pass: the lowest position of the chunks after each one, so that a checkpoint
            // stays below every change not yet written even where the order is not strict (a
            // spilled plan: `PartitionedPlan.keyOrderedMerge`).
            var lowest: [String] = []
            var pass = try merge()
            while let chunk = try pass.next(size: size) { lowest.append(chunk.positions.min(by: KeyOrder.less) ?? "") }
            var after: [String?] = Array(repeating: nil, count: lowest.count + 1)
            for i in lowest.indices.reversed() {
                after[i] = after[i + 1].map { KeyOrder.less(lowest[i], $0) ? lowest[i] : $0 } ?? lowest[i]
            }
            // The checkpoint: the highest position written that is below every one still to come.
            // `held` is the highest written since it last could be; only that one is kept (memory
            // stays bounded), so behind a change far out of order the checkpoint may lag, never lead.
            var checkpoint: String?, held: String?
            func raise(_ p: String) { if checkpoint.map({ KeyOrder.less($0, p) }) ?? true { checkpoint = p } }
            var index = 0
            pass = try merge()
            while var chunk = try pass.next(size: size) {
                let rest = after[index + 1]
                func below(_ p: String) -> Bool { rest.map { KeyOrder.less(p, $0) } ?? true }
                for p in chunk.positions {
                    if below(p) { raise(p) }
                    if held.map({ KeyOrder.less($0, p) }) ?? true { held = p }
                }
                if let h = held, below(h) {
                    raise(h)
                    held = nil
                }
                chunk.plan.additions = try await fitSizes(chunk.plan.additions, observer: observer)
                let r = try await applyChunk(chunk.plan, checkpoint: checkpoint, options: options, observer: observer)
                counts = (counts.added + r.added, counts.removed + r.removed, counts.restored + r.restored)
                done += chunk.plan.changeCount
                index += 1
                observer(.applying(done: done, total: total))
            }
            return counts
        } catch let error where !(error is CancellationError) {
            // Committed chunks stay (and their checkpoint); the failed one was rolled back.
            throw SyncError.applyFailed(cause: error, done: done, total: total)
        }
    }
}

extension SyncRefusal {
    /// The guards decided on a run's totals rather than on one plan: the sum of every
    /// partition's soft-deletes, listed objects and active rows in scope. Same rules, same
    /// texts as `check(_:_:options:)`.
    public static func check(removals: Int, objects: Int, records: Int, options: SyncOptions) -> SyncRefusal? {
        var summary = SyncSummary()
        summary.objects = objects
        summary.records = records
        // The guards only count removals: enough placeholders to decide (at most limit + 1), so
        // a huge total never becomes a huge array; the real total is put back in the message.
        let limit = options.maxDelete.limit(activeRows: records)
        var plan = SyncPlan()
        let placeholder = SyncPlan.RowChange(id: UUID(), key: "", nome: "", url: "")
        plan.removals = Array(repeating: placeholder, count: min(removals, limit + 1))
        switch check(plan, summary, options: options) {
        case .tooManyDeletes(_, let l, let setting): return .tooManyDeletes(planned: removals, limit: l, setting: setting)
        case let other: return other
        }
    }
}
