/// One safety guard of `sync`: looks at the complete plan (and the scoped counts) before any
/// change and refuses it, or lets it pass. A refusal exits 4 and changes nothing; its text and
/// hint say how to override it (docs/sync.md). Adding a guard: a file here, a `SyncRefusal`
/// case with its texts in Messages.swift, and a line in `SyncGuards.all`.
protocol SyncGuard: Sendable {
    /// The refusal, or `nil` when this guard lets the plan pass.
    func refusal(plan: SyncPlan, summary: SyncSummary, options: SyncOptions) -> SyncRefusal?
}

/// The guards `SyncRefusal.check` runs, in order.
enum SyncGuards {
    static let all: [any SyncGuard] = [EmptyBucketGuard(), MaxDeleteGuard()]
}
