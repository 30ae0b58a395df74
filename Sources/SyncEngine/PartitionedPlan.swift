import FoundationEssentials

/// A complete plan made partition by partition (issue 17 §2), spilled to three files in a
/// private temporary folder (additions, restores, soft-deletes; framed binary records) with
/// only its counts in memory. The guards were decided on those counts (`refusal`).
///
/// `SyncEngine.apply(_:options:observer:)` writes it in chunks; `remove()` deletes the folder
/// (the engine's own `sync` does both). `load()` reads the whole plan into memory, for tests and
/// for callers that know the plan is small.
public struct PartitionedPlan: Sendable {
    /// The run's private folder (mode 0700).
    public let folder: String
    /// Partitions the listing was cut into.
    public let partitions: Int
    /// The run's counts, summed over the partitions (`added`/`removed`/`restored` as planned).
    public var summary: SyncSummary
    /// The guard that refuses the complete plan, if any: then nothing may be applied.
    public var refusal: SyncRefusal?
    public let additions: Int
    public let removals: Int
    public let restorations: Int
    /// The most rows whose candidate keys straddle a partition bound held in memory at once while
    /// planning (bounded by the partition size: the rest wait on disk).
    public internal(set) var heldPending = 0

    /// Number of row writes.
    public var changeCount: Int { additions + removals + restorations }

    static let additionsFile = "plan-additions", restorationsFile = "plan-restorations", removalsFile = "plan-removals"

    /// Reads the whole plan (additions, restorations, removals in the order they were planned).
    public func load() async throws -> SyncPlan {
        var plan = SyncPlan()
        try await forEachChunk(size: Int.max) { part in
            plan.additions += part.additions
            plan.restorations += part.restorations
            plan.removals += part.removals
        }
        return plan
    }

    /// Calls `body` with consecutive parts of at most `size` changes, each of one kind: every
    /// addition first, then the restores, then the soft-deletes (the apply's order).
    func forEachChunk(size: Int, _ body: (SyncPlan) async throws -> Void) async throws {
        let size = max(1, size)
        var additions = try SpillReader(path: folder + "/" + Self.additionsFile)
        var part = SyncPlan()
        while let line = try additions.next(SpilledAddition.self) {
            part.additions.append(line.addition)
            if part.additions.count == size { try await body(part); part = SyncPlan() }
        }
        if !part.isEmpty { try await body(part); part = SyncPlan() }
        for restoring in [true, false] {
            var reader = try SpillReader(path: folder + "/" + (restoring ? Self.restorationsFile : Self.removalsFile))
            while let line = try reader.next(SpilledRowChange.self) {
                if restoring { part.restorations.append(line.change) } else { part.removals.append(line.change) }
                if part.changeCount == size { try await body(part); part = SyncPlan() }
            }
            if !part.isEmpty { try await body(part); part = SyncPlan() }
        }
    }

    /// Deletes the folder and the plan in it.
    public func remove() { SpillFolder.removeFolder(folder) }
}
