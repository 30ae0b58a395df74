/// Refuses more soft-deletes than `--max-delete` allows (a count, a share of the active rows,
/// or `auto`): a mass deletion is the one mistake a sync cannot quietly undo.
struct MaxDeleteGuard: SyncGuard {
    func refusal(plan: SyncPlan, summary: SyncSummary, options: SyncOptions) -> SyncRefusal? {
        let limit = options.maxDelete.limit(activeRows: summary.records)
        guard plan.removals.count > limit else { return nil }
        return .tooManyDeletes(planned: plan.removals.count, limit: limit, setting: options.maxDelete.description)
    }

    func refusal(removals: Int, summary: SyncSummary, options: SyncOptions) -> SyncRefusal? {
        let limit = options.maxDelete.limit(activeRows: summary.records)
        guard removals > limit else { return nil }
        return .tooManyDeletes(planned: removals, limit: limit, setting: options.maxDelete.description)
    }
}
