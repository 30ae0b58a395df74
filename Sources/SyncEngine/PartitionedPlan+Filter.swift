import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PartitionedPlan {
    /// The plan without the additions and soft-deletes `keep` rejects. Each file is read back one
    /// record at a time into a new file in the same folder, which then replaces it, so memory
    /// stays bounded whatever the plan's size. Restores are kept as they are.
    ///
    /// The workers of a shared run use it: a partition's soft-deletes whose url another partition
    /// may name, additions for keys another partition's rows name (docs/scale.md §6).
    func filtered(
        additions keepAddition: (SyncPlan.Addition) -> Bool, removals keepRemoval: (SyncPlan.RowChange) -> Bool
    ) throws -> PartitionedPlan {
        let writer = SpillFolder(at: folder)
        var keptAdditions = 0, keptRemovals = 0
        var additionsIn = try SpillReader(path: writer.file(Self.additionsFile))
        while let line = try additionsIn.next(SpilledAddition.self) {
            guard keepAddition(line.addition) else { continue }
            try writer.append(line, to: Self.filteredFile)
            keptAdditions += 1
        }
        try replace(Self.additionsFile, in: writer)
        var removalsIn = try SpillReader(path: writer.file(Self.removalsFile))
        while let line = try removalsIn.next(SpilledRowChange.self) {
            guard keepRemoval(line.change) else { continue }
            try writer.append(line, to: Self.filteredFile)
            keptRemovals += 1
        }
        try replace(Self.removalsFile, in: writer)
        var out = PartitionedPlan(
            folder: folder, partitions: partitions, summary: summary, refusal: refusal, additions: keptAdditions,
            removals: keptRemovals, restorations: restorations)
        out.heldPending = heldPending
        return out
    }

    private static let filteredFile = "plan-filtered"

    /// Moves the filtered file (written so far) over `name`; no filtered file means none was kept.
    private func replace(_ name: String, in writer: SpillFolder) throws {
        try writer.flush()
        let from = writer.file(Self.filteredFile), to = writer.file(name)
        if access(from, F_OK) != 0 {
            SpillFolder.remove(to)
            return
        }
        guard rename(from, to) == 0 else { throw SpillError(path: to, errno: errno) }
    }
}
