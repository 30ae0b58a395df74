import ObjectStore

/// Confirms the soft-deletes planned from a range-listed read before anything decides on them
/// (issue 17 §1, safety).
///
/// A range listing trusts the server's `start-after`. SeaweedFS compares it with names inside a
/// folder, so after some points (`a b0` beside the folder `a/`) it skips a whole folder and still
/// answers in strictly increasing byte order: the order check of `RangeLister` cannot see it, and
/// every key it lost would become a wrongful soft-delete. So each row planned for soft-deletion
/// gets a HEAD of every key its url may name (`KeyMapping.candidates`); an object that exists
/// means the listing was wrong: it joins the listing, the plan is made again, the run warns.
///
/// Cost: one HEAD per candidate of each planned soft-delete, `concurrency` at a time; a no-op
/// sync plans none and asks for nothing. The one-chain listing (`--list-concurrency 1`) does not
/// use `start-after` and is not second-guessed.
struct ListingConfirmation: Sendable {
    let store: any ObjectStore
    let mapping: KeyMapping
    let concurrency: Int

    /// The objects that exist among the candidate keys of `removals` (at most one per row: the
    /// first candidate found, most likely first).
    func existing(_ removals: [SyncPlan.RowChange]) async throws -> [ObjectInfo] {
        let (store, mapping) = (store, mapping)
        var found: [ObjectInfo] = []
        var seen: Set<[UInt8]> = []
        try await withThrowingTaskGroup(of: ObjectInfo?.self) { group in
            var next = removals.makeIterator()
            func launch() {
                guard let row = next.next() else { return }
                group.addTask {
                    var keys = mapping.candidates(row.url).keys
                    if !keys.contains(where: { $0.utf8.elementsEqual(row.key.utf8) }) { keys.append(row.key) }
                    for key in keys {
                        try Task.checkCancellation()
                        if let info = try await store.head(key) { return info }
                    }
                    return nil
                }
            }
            for _ in 0..<max(1, concurrency) { launch() }
            while let info = try await group.next() {
                if let info, seen.insert(Array(info.key.utf8)).inserted { found.append(info) }
                launch()
            }
        }
        return found
    }
}

extension SyncEngine {
    /// Classifies both sides; after a range-listed read, the planned soft-deletes are confirmed
    /// first (`ListingConfirmation`). Items reach `observer` as they are classified, except
    /// `remove` items of a range-listed read: they wait for the confirmation and come last.
    func classifyConfirmed(
        objects: ObjectIndex, catalog: CatalogIndex, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> (plan: SyncPlan, summary: SyncSummary) {
        let classifier = SyncClassifier(options: options, mapping: mapping)
        // A resumed plan drops what the previous holder decided before anything HEADs it.
        let positions = ChangePositions(mapping: mapping), resumed = options.resumeAfter
        func kept(_ result: (plan: SyncPlan, summary: SyncSummary)) -> (plan: SyncPlan, summary: SyncSummary) {
            resumed.map { positions.keepingAfter($0, result) } ?? result
        }
        let report: (SyncItem) -> Void = { item in
            if resumed.map({ positions.keeps(item, after: $0) }) ?? true { observer(.item(item)) }
        }
        guard options.listConcurrency > 1, objectStore.listsRangesConcurrently else {
            return kept(classifier.classify(objects: objects, catalog: catalog, emit: report))
        }
        var held: [SyncItem] = []
        let first = kept(classifier.classify(objects: objects, catalog: catalog) { item in
            if item.kind == .remove { held.append(item) } else { report(item) }
        })
        let found: [ObjectInfo]
        do {
            found = try await first.plan.removals.isEmpty
                ? [] : ListingConfirmation(store: objectStore, mapping: mapping, concurrency: options.headConcurrency).existing(first.plan.removals)
        } catch let error where !(error is CancellationError) {
            throw SyncError.listingFailed(cause: error)
        }
        guard !found.isEmpty else {
            for item in held { report(item) }
            return first
        }
        observer(.listingMissed(keys: found.map(\.key)))
        // The missed objects join the listing; only their keys' items change, so only those
        // are reported from the second pass.
        var corrected = objects
        for info in found { corrected.add(listed: info, scope: scope) }
        corrected.sort()
        let keys = Set(found.map { Array(KeyMapping.canonicalKey($0.key).utf8) })
        func missed(_ item: SyncItem) -> Bool { item.key.map { keys.contains(Array($0.utf8)) } ?? false }
        var second = kept(classifier.classify(objects: corrected, catalog: catalog) { item in
            if missed(item) { report(item) }
        })
        for item in held where !missed(item) { report(item) }
        second.summary.listingMissed = found.count
        return second
    }
}
