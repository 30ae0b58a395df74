import Catalog
import FoundationEssentials
import ObjectStore
import Scope

/// The partitioned plan (issue 17 §2, docs/scale.md §5): memory bounded by the partition size,
/// not by the bucket. Both sides are read once, concurrently, and spilled to a private folder,
/// cut into partitions of `options.partitionSize` listed keys; each partition is then classified
/// alone (the same classification and soft-delete confirmation as in memory), its changes
/// appended to the plan files and dropped.
extension SyncEngine {
    /// Reads both sides, classifies partition by partition and spills the plan; decides the
    /// guards on the totals. Changes nothing in the catalog. Throws (and removes its folder) on
    /// any read failure, like `plan`. The caller removes the returned plan's folder.
    ///
    /// Order: the listing (range streams, each range spilled as it completes) and the catalog
    /// (one stream into one unrouted file) at the same time; then the bounds from the sorted
    /// listing, each row routed to the partition of the key its url names, the rows whose
    /// candidate keys (`a%25b` read decoded or raw) fall in different partitions, the partitions.
    public func planInPartitions(
        _ options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> PartitionedPlan {
        let cap = max(1, options.partitionSize ?? 50_000)
        let spill = try SpillFolder()
        do {
            return try await planInPartitions(options, cap: cap, spill: spill, observer: observer)
        } catch {
            SpillFolder.removeFolder(spill.path)
            throw error
        }
    }

    private func planInPartitions(
        _ options: SyncOptions, cap: Int, spill: SpillFolder, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> PartitionedPlan {
        let prefixes = Self.listPrefixes(scope.listPrefixes)
        let segments = prefixes.isEmpty ? [] : try await readIntoSpill(prefixes, options: options, folder: spill.path, observer: observer)
        // The bounds: every cap-th key of the sorted listing opens a partition.
        var map = PartitionMap()
        var position = 0
        try await ListedSegment.forEach(segments, in: spill.path, as: SpilledKey.self) { object in
            if position > 0, position % cap == 0 { _ = map.open(at: object.k) }
            position += 1
        }
        for n in prefixes.indices {
            var irregular = try SpillReader(path: spill.file("i\(n)"))
            while let line = try irregular.next(SpilledObject.self) {
                try spill.append(line, to: "o\(map.index(of: KeyMapping.canonicalKey(line.k)))")
            }
            spill.remove("i\(n)")
        }
        _ = try routeRows(map: map, spill: spill)
        let heldPending = try await settlePending(map: map, segments: segments, spill: spill, batch: cap)
        try spill.flush()

        var totals = PartitionTotals(dryRun: options.dryRun)
        let bounds = map.bounds
        var p = 0
        var objects = ObjectIndex()
        try await ListedSegment.forEach(segments, in: spill.path, as: SpilledObject.self, removing: true) { object in
            while p < bounds.count, !KeyOrder.less(object.k, bounds[p]) {
                try await totals.add(classifyPartition(p, objects, spill: spill, options: options, observer: observer), spill: spill)
                objects = ObjectIndex()
                p += 1
            }
            objects.add(object.object, canonicalKey: object.k)
        }
        while p < map.count {
            try await totals.add(classifyPartition(p, objects, spill: spill, options: options, observer: observer), spill: spill)
            objects = ObjectIndex()
            p += 1
        }
        // Foreign and unparseable rows (no key, so no partition): reported in chunks of the cap.
        let classifier = SyncClassifier(options: options, mapping: mapping)
        var misc = try SpillReader(path: spill.file("misc"))
        var done = false
        while !done {
            var rows = CatalogIndex()
            var n = 0
            while n < cap, let record = try misc.next(CatalogRecord.self) {
                rows.add(record, mapping: mapping, scope: scope)
                n += 1
            }
            done = n < cap
            if n > 0 { totals.summary.absorb(classifier.classify(objects: ObjectIndex(), catalog: rows) { observer(.item($0)) }.summary) }
        }
        spill.remove("misc")
        try spill.flush()
        let summary = totals.summary
        observer(.read(objects: summary.objects, records: summary.records))
        observer(.planned(SyncPlan(), summary))
        observer(.partitioned(partitions: map.count, changes: totals.changes))
        var planned = PartitionedPlan(
            folder: spill.path, partitions: map.count, summary: summary,
            refusal: SyncRefusal.check(removals: totals.removals, summary, options: options),
            additions: totals.additions, removals: totals.removals, restorations: totals.restorations)
        planned.heldPending = heldPending
        return planned
    }

    /// Lists the bucket into spilled segments and reads the catalog into one unrouted file at
    /// the same time (the rows are routed once the listing fixed the bounds). The first failure
    /// cancels the other side, as in `readBothSides`.
    private func readIntoSpill(
        _ prefixes: [String], options: SyncOptions, folder: String, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> [ListedSegment] {
        let counts = ReadCounts()
        let query = recordQuery(prefixes: prefixes)
        return try await withThrowingTaskGroup(of: [ListedSegment]?.self) { group in
            group.addTask {
                do {
                    return try await listIntoSegments(
                        prefixes, options: options, folder: folder,
                        pageDone: { listed in
                            let c = counts.set(objects: listed)
                            observer(.pageListed(objects: listed))
                            observer(.reading(objects: c.objects, rows: c.rows))
                        },
                        outOfOrder: { observer(.listingOutOfOrder(prefix: $0)) })
                } catch let error where !(error is CancellationError) && !(error is SpillError) {
                    throw SyncError.listingFailed(cause: error)
                }
            }
            group.addTask {
                do {
                    let writer = SpillFolder(at: folder)
                    var read = 0
                    for try await page in catalog.records(query) {
                        try Task.checkCancellation()
                        for record in page { try writer.append(record, to: "rows") }
                        read += page.count
                        let c = counts.set(rows: read)
                        observer(.reading(objects: c.objects, rows: c.rows))
                    }
                    try writer.flush()
                    return nil
                } catch let error where !(error is CancellationError) && !(error is SpillError) {
                    throw SyncError.catalogFailed(cause: error)
                }
            }
            var segments: [ListedSegment] = []
            while let side = try await group.next() {
                if let side { segments = side }
            }
            return segments
        }
    }

    /// Classifies partition `p`: its listed keys (`objects`, in key order), its NFD keys (`o<N>`)
    /// and its rows; the plan's changes go to the plan files.
    private func classifyPartition(
        _ p: Int, _ listed: ObjectIndex, spill: SpillFolder, options: SyncOptions,
        observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> (plan: SyncPlan, summary: SyncSummary) {
        try Task.checkCancellation()
        var objects = listed
        var irregular = try SpillReader(path: spill.file("o\(p)"))
        while let line = try irregular.next(SpilledObject.self) {
            objects.add(line.object, canonicalKey: KeyMapping.canonicalKey(line.k))
        }
        spill.remove("o\(p)")
        objects.sort()
        let rows = try partitionRows(p, spill: spill)
        return try await classifyConfirmed(objects: objects, catalog: rows, options: options, observer: observer)
    }
}

/// The run's counts, summed partition by partition; each partition's changes are appended to the
/// plan files as it is classified.
private struct PartitionTotals {
    var summary = SyncSummary()
    var additions = 0, restorations = 0, removals = 0
    var changes: Int { additions + restorations + removals }

    init(dryRun: Bool) { summary.dryRun = dryRun }

    mutating func add(_ part: (plan: SyncPlan, summary: SyncSummary), spill: SpillFolder) throws {
        for a in part.plan.additions { try spill.append(SpilledAddition(a), to: PartitionedPlan.additionsFile) }
        for c in part.plan.restorations { try spill.append(SpilledRowChange(c), to: PartitionedPlan.restorationsFile) }
        for c in part.plan.removals { try spill.append(SpilledRowChange(c), to: PartitionedPlan.removalsFile) }
        additions += part.plan.additions.count
        restorations += part.plan.restorations.count
        removals += part.plan.removals.count
        summary.absorb(part.summary)
    }
}
