import Catalog
import FoundationEssentials
import ObjectStore
import Scope

/// The partitioned plan (issue 17 §2, docs/scale.md §5): memory bounded by the partition size,
/// not by the bucket. Both sides are read once and spilled to a private folder, cut into
/// partitions of at most `options.partitionSize` listed keys; each partition is then classified
/// alone by the same `SyncClassifier`, its changes appended to the plan files and dropped.
extension SyncEngine {
    /// Reads both sides, classifies partition by partition and spills the plan; decides the
    /// guards on the totals. Changes nothing in the catalog. Throws (and removes its folder) on
    /// any read failure, like `plan`. The caller removes the returned plan's folder.
    ///
    /// Order: the listing first (it fixes the partitions), then the catalog in one stream (each
    /// row routed to the partition of the key its url names), then the rows whose candidate keys
    /// (`a%25b` read decoded or raw) fall in different partitions, then the partitions.
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
        var map = PartitionMap()
        var listed = 0
        if !prefixes.isEmpty {
            do {
                listed = try await listIntoPartitions(prefixes, options: options, cap: cap, map: &map, spill: spill) { n in
                    observer(.pageListed(objects: n))
                    observer(.reading(objects: n, rows: 0))
                }
            } catch let error where !(error is CancellationError) && !(error is SpillError) {
                throw SyncError.listingFailed(cause: error)
            }
        }
        var routing = RowRouting()
        if !prefixes.isEmpty {
            do {
                routing = try await readIntoPartitions(recordQuery(prefixes: prefixes), map: map, spill: spill) { rows in
                    observer(.reading(objects: listed, rows: rows))
                }
            } catch let error where !(error is CancellationError) && !(error is SpillError) {
                throw SyncError.catalogFailed(cause: error)
            }
        }
        let injected = try settlePending(routing.pending, map: map, spill: spill)
        try spill.flush()

        let classifier = SyncClassifier(options: options, mapping: mapping)
        var summary = SyncSummary()
        summary.dryRun = options.dryRun
        var totals = (additions: 0, restorations: 0, removals: 0)
        for p in 0..<map.count {
            try Task.checkCancellation()
            var objects = ObjectIndex()
            var reader = try SpillReader(path: spill.file("o\(p)"))
            while let line = try reader.next(SpilledObject.self) {
                let object = line.object
                objects.add(object, canonicalKey: KeyMapping.canonicalKey(object.key))
            }
            var rows = CatalogIndex()
            var rowReader = try SpillReader(path: spill.file("r\(p)"))
            while let record = try rowReader.next(CatalogRecord.self) { rows.add(record, mapping: mapping, scope: scope) }
            if let extra = injected[p] {
                for a in extra.ambiguous { rows.ambiguous.append(a) }
                rows.claimedKeys.formUnion(extra.claims)
            }
            rows.sort()
            let (plan, part) = classifier.classify(objects: objects, catalog: rows) { observer(.item($0)) }
            try spillPlan(plan, to: spill)
            totals.additions += plan.additions.count
            totals.restorations += plan.restorations.count
            totals.removals += plan.removals.count
            summary.absorb(part)
            spill.remove("o\(p)")
            spill.remove("r\(p)")
        }
        // Foreign and unparseable rows (no key, so no partition): reported in chunks of the cap.
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
            if n > 0 { summary.absorb(classifier.classify(objects: ObjectIndex(), catalog: rows) { observer(.item($0)) }.summary) }
        }
        spill.remove("misc")
        try spill.flush()
        observer(.read(objects: summary.objects, records: summary.records))
        observer(.planned(SyncPlan(), summary))
        observer(.partitioned(partitions: map.count, changes: totals.additions + totals.restorations + totals.removals))
        return PartitionedPlan(
            folder: spill.path, partitions: map.count, summary: summary,
            refusal: SyncRefusal.check(removals: totals.removals, summary, options: options),
            additions: totals.additions, removals: totals.removals, restorations: totals.restorations)
    }

    private func spillPlan(_ plan: SyncPlan, to spill: SpillFolder) throws {
        for a in plan.additions { try spill.append(SpilledAddition(a), to: PartitionedPlan.additionsFile) }
        for c in plan.restorations { try spill.append(SpilledRowChange(c), to: PartitionedPlan.restorationsFile) }
        for c in plan.removals { try spill.append(SpilledRowChange(c), to: PartitionedPlan.removalsFile) }
    }

    /// Lists every prefix (one page after another: the key order fixes the partitions) and
    /// spills each object to its partition's file; a partition is closed once it holds `cap`
    /// keys. A key whose NFC form differs from its bytes (NFD) sorts elsewhere by its canonical
    /// key: it is spilled aside and routed once the bounds are known. Returns the objects listed.
    private func listIntoPartitions(
        _ prefixes: [String], options: SyncOptions, cap: Int, map: inout PartitionMap, spill: SpillFolder,
        pageDone: (Int) -> Void
    ) async throws -> Int {
        var listed = 0, inCurrent = 0
        for prefix in prefixes {
            for try await page in objectStore.list(ListOptions(prefix: prefix, pageSize: options.listPageSize)) {
                try Task.checkCancellation()
                for info in page.objects {
                    let (object, canonical) = ObjectIndex.indexed(info, scope: scope)
                    listed += 1
                    guard canonical.utf8.elementsEqual(info.key.utf8) else {
                        try spill.append(SpilledObject(object), to: "irregular")
                        continue
                    }
                    if inCurrent >= cap, map.open(at: canonical) { inCurrent = 0 }
                    try spill.append(SpilledObject(object), to: "o\(map.count - 1)")
                    inCurrent += 1
                }
                pageDone(listed)
            }
        }
        try spill.flush()
        var irregular = try SpillReader(path: spill.file("irregular"))
        while let line = try irregular.next(SpilledObject.self) {
            try spill.append(line, to: "o\(map.index(of: KeyMapping.canonicalKey(line.k)))")
        }
        spill.remove("irregular")
        return listed
    }
}
