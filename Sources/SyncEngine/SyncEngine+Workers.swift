import Catalog
import FoundationEssentials

/// Entry points for the workers of a shared run (`sync --workers N`, docs/scale.md "Many
/// workers"): each worker plans one partition with `plan`, the planner decides the guards on the
/// run's totals, and each worker applies its partition's plan with `applyPlanned`.
extension SyncEngine {
    /// Applies an already planned (and globally approved) result in checkpointed chunks, without
    /// taking the table's sync lock and without checking the guards again: the run's planner holds
    /// the lock and decided the guards on the totals of every partition. Each chunk commits
    /// through `catalog.withTransaction`, so an engine built over a `LeaseGuardedCatalog` commits
    /// only while its partition lease is held.
    public func applyPlanned(
        _ planned: SyncResult, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> SyncResult {
        var result = planned
        let (added, removed, restored) = try await applyInChunks(
            planned.plan, options: options, chunkSize: options.changesPerTransaction ?? 5000, observer: observer)
        result.summary.added = added
        result.summary.removed = removed
        result.summary.restored = restored
        result.applied = true
        return result
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
