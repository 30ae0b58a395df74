import Catalog
import FoundationEssentials
import ObjectStore
import SyncEngine

/// A takeover that resumes (docs/scale.md §6, "Resuming a takeover"): a worker applies its
/// partition in key order (`SyncEngine.applyInKeyOrder`) and each committed chunk records in the
/// lease row a key at or below which every change is committed, so whoever takes the partition
/// over lists only the keys after it and plans only the changes positioned after it.
extension SyncWorkers {
    /// The key a takeover of this partition resumes after: the lease row's `last_key` once a
    /// batch was committed, when it is a key of this partition. A url or a row id (what an older
    /// r2s recorded, in an order that does not make it a boundary) gives nil: the partition is
    /// planned whole again.
    static func resumeKey(_ row: RunPartition?, partitions: SyncPartitions, own: String) -> String? {
        guard let row, row.lastBatch > 0, let key = row.lastKey, !key.isEmpty else { return nil }
        guard !key.contains("://"), UUID(uuidString: key) == nil, partitions.partition(of: key) == own else { return nil }
        return key
    }
}

extension PartitionCounts {
    /// The counts of a resumed partition: what was read and classified is the whole partition's
    /// (as approved: the resumed read saw only the keys after the resume key), the planned
    /// changes are the resumed plan's.
    func resuming(_ planned: BoundedPlan) -> PartitionCounts {
        var counts = self
        counts.additions = planned.additions
        counts.removals = planned.removals
        counts.restorations = planned.restorations
        counts.resumed = 1
        if case .spilled = planned { counts.spilled = 1 }
        return counts
    }
}
