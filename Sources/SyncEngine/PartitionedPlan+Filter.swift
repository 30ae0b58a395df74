import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PartitionedPlan {
    /// The plan without the additions and soft-deletes `keep` rejects (nil: all kept, the file
    /// left as it is). Each file is read back one record at a time into a new file in the same
    /// folder, which then replaces it, so memory stays bounded whatever the plan's size. Restores
    /// are kept as they are.
    ///
    /// The workers of a shared run use it: a partition's soft-deletes whose url another partition
    /// may name, additions for keys another partition's rows name (docs/scale.md §6).
    func filtered(
        additions keepAddition: ((SyncPlan.Addition) -> Bool)?, removals keepRemoval: ((SyncPlan.RowChange) -> Bool)?
    ) throws -> PartitionedPlan {
        let writer = SpillFolder(at: folder)
        var keptAdditions = additions, keptRemovals = removals
        if let keepAddition {
            keptAdditions = try rewrite(Self.additionsFile, as: SpilledAddition.self, in: writer) { keepAddition($0.addition) }
        }
        if let keepRemoval {
            keptRemovals = try rewrite(Self.removalsFile, as: SpilledRowChange.self, in: writer) { keepRemoval($0.change) }
        }
        var out = PartitionedPlan(
            folder: folder, partitions: partitions, summary: summary, refusal: refusal, additions: keptAdditions,
            removals: keptRemovals, restorations: restorations)
        out.heldPending = heldPending
        return out
    }

    private static let filteredFile = "plan-filtered"

    /// Copies the records of `name` that `keep` accepts into a new file, which then replaces it
    /// (none kept: the file is removed). The number kept.
    private func rewrite<T: Spillable>(_ name: String, as type: T.Type, in writer: SpillFolder, keep: (T) -> Bool) throws -> Int {
        var kept = 0
        var reader = try SpillReader(path: writer.file(name))
        while let line = try reader.next(T.self) {
            guard keep(line) else { continue }
            try writer.append(line, to: Self.filteredFile)
            kept += 1
        }
        try writer.flush()
        let from = writer.file(Self.filteredFile), to = writer.file(name)
        if kept == 0 {
            SpillFolder.remove(to)
            return 0
        }
        guard rename(from, to) == 0 else { throw SpillError(path: to, errno: errno) }
        return kept
    }
}
