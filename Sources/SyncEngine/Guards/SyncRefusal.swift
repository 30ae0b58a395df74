public import UserFacing

/// A safety guard that stopped the sync before any change (exit 4, with how to override).
public enum SyncRefusal: UserFacingError, Sendable, Hashable {
    /// The scoped listing is empty while the scoped catalog has active rows.
    case emptyBucket(records: Int)
    /// More soft-deletes planned than `--max-delete` allows.
    case tooManyDeletes(planned: Int, limit: Int, setting: String)

    public var message: LocalizedText {
        switch self {
        case .emptyBucket(let n): .syncRefusedEmpty(records: n)
        case .tooManyDeletes(let p, let l, let s): .syncRefusedMaxDelete(planned: p, limit: l, setting: s)
        }
    }

    public var hintText: LocalizedText? {
        switch self {
        case .emptyBucket: .syncRefusedEmptyHint
        case .tooManyDeletes(let p, _, _): .syncRefusedMaxDeleteHint(planned: p)
        }
    }

    public var exitStatus: ExitStatus { .refused }

    /// The guards, checked in `SyncGuards.all` order on a complete plan before any change; the
    /// first that refuses wins.
    public static func check(_ plan: SyncPlan, _ summary: SyncSummary, options: SyncOptions) -> SyncRefusal? {
        for guardRule in SyncGuards.all {
            if let refusal = guardRule.refusal(plan: plan, summary: summary, options: options) { return refusal }
        }
        return nil
    }

    /// `check` for a spilled plan (partitioned sync): decided on the complete plan's totals.
    public static func check(removals: Int, _ summary: SyncSummary, options: SyncOptions) -> SyncRefusal? {
        for guardRule in SyncGuards.all {
            if let refusal = guardRule.refusal(removals: removals, summary: summary, options: options) { return refusal }
        }
        return nil
    }
}
