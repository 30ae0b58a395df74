import FoundationEssentials

/// One safety guard of `sync`: looks at the complete plan (and the scoped counts) before any
/// change and refuses it, or lets it pass. A refusal exits 4 and changes nothing; its text and
/// hint say how to override it (docs/sync.md). Adding a guard: a file here, a `SyncRefusal`
/// case with its texts in Messages.swift, and a line in `SyncGuards.all`.
protocol SyncGuard: Sendable {
    /// The refusal, or `nil` when this guard lets the plan pass.
    func refusal(plan: SyncPlan, summary: SyncSummary, options: SyncOptions) -> SyncRefusal?
    /// The same verdict for a plan spilled to a file (partitioned sync): only its removal count.
    func refusal(removals: Int, summary: SyncSummary, options: SyncOptions) -> SyncRefusal?
}

/// The guards `SyncRefusal.check` runs, in order.
enum SyncGuards {
    static let all: [any SyncGuard] = [EmptyBucketGuard(), MaxDeleteGuard()]
}

extension SyncGuard {
    /// For a guard that only judges whole plans: the plan rebuilt with `removals` placeholder
    /// soft-deletes (memory grows with them; the shipped guards decide on the count instead).
    func refusal(removals: Int, summary: SyncSummary, options: SyncOptions) -> SyncRefusal? {
        var plan = SyncPlan()
        plan.removals = Array(repeating: .init(id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), key: "", nome: "", url: ""), count: removals)
        return refusal(plan: plan, summary: summary, options: options)
    }
}
