/// A plan made with bounded memory (issue 17 §2, docs/scale.md §5): in memory when both sides
/// stayed within `SyncOptions.partitionThreshold`, else (or with `partitionSize`) spilled to a
/// private temporary folder. `SyncEngine.planBounded` makes one; the workers of a shared run keep
/// one per partition between planning and applying it.
public enum BoundedPlan: Sendable {
    case inMemory(SyncResult)
    case spilled(PartitionedPlan)

    /// The counts of the read and the classification (the changes as planned).
    public var summary: SyncSummary {
        switch self {
        case .inMemory(let result): result.summary
        case .spilled(let planned): planned.summary
        }
    }

    /// The guard that refuses this plan on its own, if any.
    public var refusal: SyncRefusal? {
        switch self {
        case .inMemory(let result): result.refusal
        case .spilled(let planned): planned.refusal
        }
    }

    public var additions: Int {
        switch self {
        case .inMemory(let result): result.plan.additions.count
        case .spilled(let planned): planned.additions
        }
    }

    public var removals: Int {
        switch self {
        case .inMemory(let result): result.plan.removals.count
        case .spilled(let planned): planned.removals
        }
    }

    public var restorations: Int {
        switch self {
        case .inMemory(let result): result.plan.restorations.count
        case .spilled(let planned): planned.restorations
        }
    }

    /// Number of row writes.
    public var changeCount: Int { additions + removals + restorations }

    /// Changes held in memory (0 for a spilled plan: its changes are on disk).
    public var changesInMemory: Int {
        if case .inMemory(let result) = self { return result.plan.changeCount }
        return 0
    }

    /// The plan without the additions and soft-deletes `keep` rejects (nil: all kept): filtered in
    /// memory, or the spilled files rewritten one record at a time (memory stays bounded).
    public func filtered(
        additions keepAddition: ((SyncPlan.Addition) -> Bool)? = nil, removals keepRemoval: ((SyncPlan.RowChange) -> Bool)? = nil
    ) throws -> BoundedPlan {
        switch self {
        case .inMemory(var result):
            if let keepAddition { result.plan.additions.removeAll { !keepAddition($0) } }
            if let keepRemoval { result.plan.removals.removeAll { !keepRemoval($0) } }
            return .inMemory(result)
        case .spilled(let planned):
            return .spilled(try planned.filtered(additions: keepAddition, removals: keepRemoval))
        }
    }

    /// Deletes a spilled plan's folder (nothing for a plan in memory).
    public func remove() {
        if case .spilled(let planned) = self { planned.remove() }
    }
}
