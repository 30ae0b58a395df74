import Catalog
import ObjectStore
import Scope
import Synchronization

extension SyncEngine {
    private enum Side: Sendable {
        case objects(ObjectIndex)
        case catalog(CatalogIndex)
    }

    /// Lists the bucket and reads the catalog at the same time; the first failure cancels the
    /// other side and becomes a `SyncError` (nothing has been changed at this point).
    ///
    /// - Parameter limit: with a value, a read passing that many listed keys or catalog rows
    ///   stops both sides and throws `ReadPastLimit` (the caller switches to the partitioned path).
    func readBothSides(
        _ options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void, limit: Int? = nil
    ) async throws -> (ObjectIndex, CatalogIndex) {
        let prefixes = Self.listPrefixes(scope.listPrefixes)
        // A scope that cannot match (disjoint prefixes): nothing to read on either side.
        if prefixes.isEmpty { return (ObjectIndex(), CatalogIndex()) }
        let query = recordQuery(prefixes: prefixes)
        let counts = ReadCounts()
        let (store, catalog, mapping, scope) = (objectStore, self.catalog, self.mapping, self.scope)
        let past = ReadLimit(limit)

        var objects: ObjectIndex?
        var catalogIndex: CatalogIndex?
        try await past.rethrowing { try await withThrowingTaskGroup(of: Side.self) { group in
            group.addTask {
                do {
                    let pageDone: @Sendable (Int) throws -> Void = { listed in
                        let c = counts.set(objects: listed)
                        try past.check(listed)
                        observer(.pageListed(objects: listed))
                        observer(.reading(objects: c.objects, rows: c.rows))
                    }
                    guard options.listConcurrency > 1, store.listsRangesConcurrently else {
                        return .objects(try await ObjectIndex.read(
                            store: store, prefixes: prefixes, pageSize: options.listPageSize, scope: scope, pageDone: pageDone))
                    }
                    let cuts = await Self.histogramKeys(catalog, query: query, mapping: mapping)
                    let index = try await ObjectIndex.readInRanges(
                        store: store, prefixes: prefixes, pageSize: options.listPageSize, concurrency: options.listConcurrency,
                        scope: scope, cuts: cuts, pageDone: pageDone,
                        outOfOrder: { observer(.listingOutOfOrder(prefix: $0)) })
                    return .objects(index)
                } catch let error where !(error is CancellationError) {
                    throw SyncError.listingFailed(cause: error)
                }
            }
            group.addTask {
                do {
                    let index = try await CatalogIndex.read(catalog.records(query), mapping: mapping, scope: scope) { read in
                        let c = counts.set(rows: read)
                        try past.check(read)
                        observer(.reading(objects: c.objects, rows: c.rows))
                    }
                    return .catalog(index)
                } catch let error where !(error is CancellationError) {
                    throw SyncError.catalogFailed(cause: error)
                }
            }
            while let side = try await group.next() {
                switch side {
                case .objects(let o): objects = o
                case .catalog(let c): catalogIndex = c
                }
            }
        } }
        guard var objects, let catalogIndex else { throw CancellationError() }
        if options.verifyTypes, !objects.entries.isEmpty {
            let total = objects.entries.count
            do {
                try await objects.verifyTypes(store: store, scope: scope, concurrency: options.headConcurrency) { done in
                    observer(.verifyingTypes(done: done, total: total))
                }
            } catch let error where !(error is CancellationError) {
                throw SyncError.listingFailed(cause: error)
            }
        }
        return (objects, catalogIndex)
    }
}

extension SyncEngine {
    /// The keys the catalog's url statistics name (`CatalogStore.urlHistogram`): the parallel
    /// listing's first cuts. Only a balance hint: a store without statistics, or one that fails
    /// here, gives none, and the listing starts from one range as before (a failing catalog
    /// is reported by the catalog read itself).
    static func histogramKeys(_ catalog: any CatalogStore, query: RecordQuery, mapping: KeyMapping) async -> [String] {
        guard let urls = try? await catalog.urlHistogram(query) else { return [] }
        return urls.compactMap { mapping.candidates($0).keys.first }
    }
}

/// Running totals shared by the two reading tasks (for the progress line).
final class ReadCounts: Sendable {
    private let state = Mutex((objects: 0, rows: 0))

    func set(objects: Int? = nil, rows: Int? = nil) -> (objects: Int, rows: Int) {
        state.withLock { s in
            if let objects { s.objects = objects }
            if let rows { s.rows = rows }
            return s
        }
    }
}
