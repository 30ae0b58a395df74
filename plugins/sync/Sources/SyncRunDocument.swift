import Catalog
import FoundationEssentials
import ObjectStore
import Scope
import SyncEngine

/// What every process of a shared run needs to plan the same partitions the same way, written
/// by the planner into the run row (`r2s_sync_runs.totals`, JSON) and read by every worker, so a
/// worker started on another machine (`sync --join`) reconciles exactly the planner's scope.
struct SyncRunDocument: RunJSON {
    /// The resolved scope (its relative ages fixed once, by the planner).
    var scope: Scope
    /// The scope's list prefixes: each is a partition of its own for the keys directly under it.
    var roots: [String]
    var urlBases: [String]
    var minAgeSeconds: Int64
    var restore: Bool
    var maxDelete: String
    var allowEmpty: Bool
    var verifyTypes: Bool
    /// `--partition-size` of the planner: every partition of the run is planned in partitions of
    /// this many keys, its plan spilled to disk (nil: in memory up to the threshold, as a single
    /// sync). A `sync --join` with its own `--partition-size` uses its own (memory is per machine).
    var partitionSize: Int?
    /// Set when the guards were decided: the totals they saw and, when refused, why.
    var approved: PartitionCounts?
    var refusal: String?
    /// `empty_bucket` or `max_delete`, as the single-process summary's `refused`.
    var refusalKind: String?
    var refusalHint: String?
    /// The run's summary once every partition is applied.
    var summary: PartitionCounts?

    func options(now: Date) -> SyncOptions {
        var options = SyncOptions(
            restore: restore, minAge: .seconds(minAgeSeconds), maxDelete: MaxDelete(parsing: maxDelete) ?? .automatic,
            allowEmptyBucket: allowEmpty, verifyTypes: verifyTypes, now: now)
        options.dryRun = false
        options.partitionSize = partitionSize
        return options
    }
}

/// One partition's counts (`r2s_sync_leases.counts`), summed into the run's.
struct PartitionCounts: RunJSON, Hashable {
    var objects = 0, records = 0
    /// Planned changes.
    var additions = 0, removals = 0, restorations = 0
    /// Applied changes.
    var added = 0, removed = 0, restored = 0
    var unchanged = 0, foreign = 0, duplicates = 0, mismatched = 0, young = 0, unparseable = 0, conflicts = 0
    var ambiguous = 0, keptOut = 0, dotSegments = 0
    /// Soft-deletes not made because one of the row's candidate keys lies in another partition
    /// (a single-process sync decides them), or because the fresh plan at apply time had more
    /// soft-deletes than the approved one (the next sync decides them).
    var crossPartition = 0, deferred = 0
    /// Catalog rows the partition's plan read (every row once per run in the normal case: a
    /// root partition leaves its children's rows out). Optional for rows written before it.
    var rowsRead: Int?
    /// Partitions planned again from a fresh read in the apply phase (another process planned
    /// them, a takeover, a plan older than the lease) instead of applying the plan held in memory.
    var replanned: Int?
    /// Partitions whose plan was made in sub-partitions and spilled to disk (a large folder, or
    /// `--partition-size`) rather than held in memory. Optional for rows written before it.
    var spilled: Int?
    /// Partitions a takeover resumed after the lease row's `last_key` (listing only the keys
    /// after it) instead of planning them whole again. Optional for rows written before it.
    var resumed: Int?
    /// Keys named by rows this partition read whose url another partition does not read (a
    /// root partition's rows spelling a folder's key as `x%2Fy`): no partition adds a row for
    /// them (see `StrayKeyCollector`). Not summed.
    var strays: [String]?

    init() {}

    init(_ planned: BoundedPlan, crossPartition: Int) {
        let s = planned.summary
        objects = s.objects
        records = s.records
        additions = planned.additions
        removals = planned.removals
        restorations = planned.restorations
        unchanged = s.unchanged
        foreign = s.foreign
        duplicates = s.duplicates
        mismatched = s.mismatched
        young = s.young
        unparseable = s.unparseable
        conflicts = s.conflicts
        ambiguous = s.ambiguous
        keptOut = s.keptOut
        dotSegments = s.dotSegments
        self.crossPartition = crossPartition
        if case .spilled = planned { spilled = 1 }
    }

    static func + (a: PartitionCounts, b: PartitionCounts) -> PartitionCounts {
        var c = a
        c.objects += b.objects; c.records += b.records
        c.additions += b.additions; c.removals += b.removals; c.restorations += b.restorations
        c.added += b.added; c.removed += b.removed; c.restored += b.restored
        c.unchanged += b.unchanged; c.foreign += b.foreign; c.duplicates += b.duplicates; c.mismatched += b.mismatched
        c.young += b.young; c.unparseable += b.unparseable; c.conflicts += b.conflicts; c.ambiguous += b.ambiguous
        c.keptOut += b.keptOut; c.dotSegments += b.dotSegments; c.crossPartition += b.crossPartition; c.deferred += b.deferred
        if let n = b.rowsRead { c.rowsRead = (c.rowsRead ?? 0) + n }
        if let n = b.replanned { c.replanned = (c.replanned ?? 0) + n }
        if let n = b.spilled { c.spilled = (c.spilled ?? 0) + n }
        if let n = b.resumed { c.resumed = (c.resumed ?? 0) + n }
        return c
    }
}

/// What the run and lease rows store as JSON text (`totals`, `counts`): sorted keys, and nil for
/// a text that is absent or not this type (a row written by another r2s version).
protocol RunJSON: Codable, Sendable {}

extension RunJSON {
    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ text: String?) -> Self? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(Self.self, from: Data(text.utf8))
    }
}
