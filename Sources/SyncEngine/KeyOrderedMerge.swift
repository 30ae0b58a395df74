import ObjectStore

/// A plan's three kinds of change merged into one sequence by position (`ChangePositions`), cut
/// into chunks: the order of a worker's key-ordered apply. Each source yields its changes in
/// (roughly) position order — a plan in memory is sorted first; a spilled plan's files are in
/// sub-partition order — and the merge takes the lowest head; equal positions go additions,
/// then restores, then soft-deletes. A source out of order only makes the checkpoints lower
/// (`SyncEngine.applyInKeyOrder` records a key below every change not yet written), never wrong.
struct KeyOrderedMerge {
    enum Change {
        case addition(SyncPlan.Addition)
        case restore(SyncPlan.RowChange)
        case removal(SyncPlan.RowChange)
    }

    private let positions: ChangePositions
    /// Additions, restores, soft-deletes: the next change of each, nil at its end.
    private let sources: [() throws -> Change?]
    private var heads: [(position: String, change: Change)?] = []

    init(positions: ChangePositions, sources: [() throws -> Change?]) {
        self.positions = positions
        self.sources = sources
    }

    private func pull(_ source: Int) throws -> (position: String, change: Change)? {
        try sources[source]().map { (positions.of($0), $0) }
    }

    /// The next chunk of at most `size` changes and the position of each; nil at the end.
    mutating func next(size: Int) throws -> (plan: SyncPlan, positions: [String])? {
        if heads.isEmpty { heads = try sources.indices.map(pull) }
        var plan = SyncPlan()
        var out: [String] = []
        while out.count < max(1, size) {
            var lowest: Int?
            for (i, head) in heads.enumerated() {
                guard let head else { continue }
                if let l = lowest, let best = heads[l], !KeyOrder.less(head.position, best.position) { continue }
                lowest = i
            }
            guard let i = lowest, let (position, change) = heads[i] else { break }
            switch change {
            case .addition(let a): plan.additions.append(a)
            case .restore(let c): plan.restorations.append(c)
            case .removal(let c): plan.removals.append(c)
            }
            out.append(position)
            heads[i] = try pull(i)
        }
        return out.isEmpty ? nil : (plan, out)
    }

    /// A merge over a plan in memory, each kind sorted by position first.
    static func inMemory(_ plan: SyncPlan, positions: ChangePositions) -> () -> KeyOrderedMerge {
        func sorted<T>(_ items: [T], _ change: (T) -> Change) -> [Change] {
            items.map { change($0) }.map { (positions.of($0), $0) }.sorted { KeyOrder.less($0.0, $1.0) }.map(\.1)
        }
        let kinds = [
            sorted(plan.additions) { .addition($0) }, sorted(plan.restorations) { .restore($0) },
            sorted(plan.removals) { .removal($0) },
        ]
        return {
            KeyOrderedMerge(positions: positions, sources: kinds.map { changes in
                var next = changes.makeIterator()
                return { next.next() }
            })
        }
    }
}

extension ChangePositions {
    func of(_ change: KeyOrderedMerge.Change) -> String {
        switch change {
        case .addition(let a): of(a)
        case .restore(let c): of(restore: c)
        case .removal(let c): of(removal: c)
        }
    }
}
