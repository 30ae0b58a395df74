import Catalog
import FoundationEssentials
import ObjectStore
import Scope

/// What `sync(keys:)` did for one batch of keys.
public struct KeySyncResult: Sendable {
    /// The classification and the rows written (sync's own counts).
    public var result: SyncResult
    /// Active rows whose size or content type was brought in line with the object (an overwrite).
    public var updated: [SyncPlan.RowChange] = []
    /// Keys (canonical) left alone because they changed within `--min-age`: to look at again later.
    public var young: Set<String> = []
    /// Keys (canonical) the scope covers: any key of the batch not in here (nor in `absent`) was
    /// out of scope.
    public var inScope: Set<String> = []
    /// Keys (canonical) with neither an object nor an active row (no row at all, or only
    /// soft-deleted ones, one of them in scope): the catalog already agrees.
    public var absent: Set<String> = []
}

/// The event-driven sync `watch` runs: the catalog made to match the bucket for a handful of keys,
/// by the same rules as a full sync. Events only say which keys to look at; what is written comes
/// from a HEAD taken while the sync lock is held, so duplicated or reordered events can never roll
/// a row back, and `watch` never applies while a full `sync` does (on any catalog path).
extension SyncEngine {
    /// HEADs `keys` (and the other keys a matching row's url may name), reads their rows (every
    /// url spelling), classifies them with `SyncClassifier` and applies the plan — all under the
    /// sync lock (waiting up to `options.lockWait` for a running sync). No deletion cap: each
    /// soft-delete is backed by a HEAD that said 404 under the lock.
    ///
    /// With `updateMismatches`, an active row whose size/type differs from the object is updated
    /// (an overwritten file); a full sync only reports such rows.
    public func sync(
        keys: [String], options: SyncOptions, updateMismatches: Bool = true, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> KeySyncResult {
        try await underLock(options, observer: observer) {
            try await syncUnderLock(keys: keys, options: options, updateMismatches: updateMismatches, observer: observer)
        }
    }

    private func syncUnderLock(
        keys: [String], options: SyncOptions, updateMismatches: Bool, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> KeySyncResult {
        var heads: [String: ObjectInfo?] = [:]
        var records: [UUID: CatalogRecord] = [:]
        var wanted = keys
        // Two rounds at most: the batch's keys, then the other keys its rows' urls may name
        // (`KeyMapping.candidates`), so a row is tied to the same object a full sync would pick.
        for _ in 0..<2 where !wanted.isEmpty {
            let fresh = Array(Set(wanted.filter { heads[$0] == nil }))
            for (key, info) in try await headAll(fresh, concurrency: options.headConcurrency) { heads[key] = info }
            var urls: [String] = []
            for key in fresh { urls += mapping.urlForms(for: key) + mapping.urlForms(for: KeyMapping.canonicalKey(key)) }
            let rows = try await readRows(Array(Set(urls)))
            wanted = []
            for row in rows where records[row.id] == nil {
                records[row.id] = row
                wanted += mapping.candidates(row.url).keys.filter { heads[$0] == nil }
            }
        }
        var objects = ObjectIndex()
        for case (_, var info?) in heads {
            // Without --verify-types the type comes from the extension table, as in a full sync's listing.
            if !options.verifyTypes { info.contentType = nil }
            objects.add(listed: info, scope: scope)
        }
        objects.sort()
        var catalogIndex = CatalogIndex()
        for row in records.values.sorted(by: { $0.id.uuidString < $1.id.uuidString }) {
            catalogIndex.add(row, mapping: mapping, scope: scope)
        }
        catalogIndex.sort()

        var out = KeySyncResult(result: SyncResult(plan: SyncPlan(), summary: SyncSummary()))
        var mismatched: [(item: SyncItem, object: IndexedObject)] = []
        let byKey = Dictionary(objects.entries.map { ($0.canonicalKey, $0) }, uniquingKeysWith: { a, _ in a })
        let classifier = SyncClassifier(options: options, mapping: mapping)
        let (plan, summary) = classifier.classify(objects: objects, catalog: catalogIndex) { item in
            observer(.item(item))
            guard let key = item.key else { return }
            out.inScope.insert(key)
            if item.kind == .young { out.young.insert(key) }
            if item.kind == .mismatch, let object = byKey[key] { mismatched.append((item, object)) }
        }
        out.result = SyncResult(plan: plan, summary: summary)
        // A key whose rows are all soft-deleted (a delete event delivered again, or after a
        // sync) agrees too; only when none of those rows is in scope is the key out of scope.
        var rowKeys: [String: (active: Bool, inScope: Bool)] = [:]
        for entry in catalogIndex.entries {
            let seen = rowKeys[entry.key] ?? (false, false)
            rowKeys[entry.key] = (seen.active || !entry.row.isDeleted, seen.inScope || entry.row.inScope)
        }
        for key in keys {
            let canonical = KeyMapping.canonicalKey(key)
            guard case .some(.none) = heads[key] else { continue }
            if let rows = rowKeys[canonical], rows.active || !rows.inScope { continue }
            out.absent.insert(canonical)
        }
        if !plan.isEmpty {
            let (added, removed, restored) = try await apply(plan, options: options, observer: observer)
            out.result.summary.added = added
            out.result.summary.removed = removed
            out.result.summary.restored = restored
            out.result.applied = true
        }
        if updateMismatches {
            // A restored row keeps the size it had when deleted; the object that came back may
            // differ (a new version): it is a mismatch too, fixed in the same pass.
            for change in plan.restorations {
                guard let object = byKey[change.key], let row = records[change.id], row.size != object.size else { continue }
                let item = SyncItem(kind: .mismatch, key: change.key, url: change.url, recordID: change.id, reason: "size differs")
                mismatched.append((item, object))
            }
        }
        if updateMismatches, !mismatched.isEmpty {
            out.updated = try await updateRows(mismatched, options: options)
        }
        return out
    }

    /// Brings each mismatched row's size and type in line with its object.
    private func updateRows(
        _ mismatched: [(item: SyncItem, object: IndexedObject)], options: SyncOptions
    ) async throws -> [SyncPlan.RowChange] {
        var updated: [SyncPlan.RowChange] = []
        for (item, object) in mismatched {
            guard let id = item.recordID, let url = item.url, let key = item.key else { continue }
            // Only a row that is active now (a restore the re-check dropped is left alone).
            guard let current = try await catalog.record(id: id), current.deletedAt == nil, current.size != object.size
                || (options.verifyTypes && current.contentType != object.contentType)
            else { continue }
            var changes = RecordChanges(size: object.size)
            // Types from the extension table are a guess: only a HEAD's type (--verify-types) overwrites a row's.
            if options.verifyTypes, let type = object.contentType, type != SyncClassifier.fallbackContentType {
                changes.contentType = type
            } else if item.reason.hasPrefix("content type") {
                continue
            }
            do {
                let row = try await catalog.update(id: id, changes, actor: options.actor)
                updated.append(.init(id: id, key: key, nome: row.nome, url: url))
            } catch let error as CatalogError where error.code == .outOfRange {
                continue  // an object larger than the `size` column: left as a mismatch, as sync does
            } catch let error where !(error is CancellationError) {
                throw SyncError.applyFailed(cause: error, done: updated.count, total: mismatched.count)
            }
        }
        return updated
    }

    private func readRows(_ urls: [String]) async throws -> [CatalogRecord] {
        do {
            var rows: [CatalogRecord] = []
            // Bounded look-ups: Postgres reads 5,000 urls per statement, PostgREST splits further.
            for chunk in urls.chunked(Self.recheckSize) { rows += try await catalog.records(urls: Array(chunk)) }
            return rows
        } catch let error where !(error is CancellationError) {
            throw SyncError.catalogFailed(cause: error)
        }
    }

    /// HEADs every key (bounded concurrency); `nil` for a key that does not exist. The store is
    /// asked to allow as many requests at once, so its own connection limit does not queue them.
    private func headAll(_ keys: [String], concurrency: Int) async throws -> [(String, ObjectInfo?)] {
        let store = objectStore
        let width = max(1, min(concurrency, keys.count))
        do {
            return try await store.withConcurrency(atLeast: width) {
                try await withThrowingTaskGroup(of: (String, ObjectInfo?).self) { group in
                    var next = keys.makeIterator()
                    var out: [(String, ObjectInfo?)] = []
                    func launch() {
                        guard let key = next.next() else { return }
                        group.addTask { (key, try await store.head(key)) }
                    }
                    for _ in 0..<width { launch() }
                    while let r = try await group.next() {
                        out.append(r)
                        launch()
                    }
                    return out
                }
            }
        } catch let error where !(error is CancellationError) {
            throw SyncError.listingFailed(cause: error)
        }
    }
}
