extension PartitionedPlan {
    /// The spilled plan as one key-ordered sequence (`KeyOrderedMerge`), its three files read
    /// back one record at a time: memory stays bounded whatever the plan's size. The files are
    /// in sub-partition order — sub-partitions are key ranges in order, each classified in key
    /// order — so the merge is in position order but for the few changes whose position lies
    /// before their sub-partition (a `%` url routed to its decoded key's range, a non-ASCII key's
    /// floor); those only lower the checkpoints around them.
    func keyOrderedMerge(positions: ChangePositions) throws -> KeyOrderedMerge {
        let additions = try SpillSource(path: folder + "/" + Self.additionsFile)
        let restores = try SpillSource(path: folder + "/" + Self.restorationsFile)
        let removals = try SpillSource(path: folder + "/" + Self.removalsFile)
        return KeyOrderedMerge(
            positions: positions,
            sources: [
                { try additions.next(SpilledAddition.self).map { .addition($0.addition) } },
                { try restores.next(SpilledRowChange.self).map { .restore($0.change) } },
                { try removals.next(SpilledRowChange.self).map { .removal($0.change) } },
            ])
    }
}

/// A `SpillReader` a closure can hold (the reader is not copyable).
private final class SpillSource {
    private var reader: SpillReader

    init(path: String) throws { reader = try SpillReader(path: path) }

    func next<T: Spillable>(_ type: T.Type) throws -> T? { try reader.next(type) }
}
