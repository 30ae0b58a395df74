public import FoundationEssentials

/// A catalog whose every transaction commits only while a partition lease is held: the store
/// a worker of a shared sync hands to the engine (docs/scale.md, "Many workers").
///
/// `withTransaction` first runs the store's `checkpoint` (lease ours, unexpired, run applicable)
/// *inside* the store's transaction, then the body's writes, then — for a chunk of the
/// key-ordered apply, `withTransaction(checkpoint:_:)` — records the batch and its key (every
/// change of the partition at or below it is committed: what a takeover resumes after) in the
/// lease row, and commits. The key is an object key's position, never a url or a row id. On Postgres the checkpoint's `UPDATE` locks the
/// lease row until the commit, so a takeover waits for the batch and then finds the lease
/// renewed; on SQLite the transaction is `BEGIN IMMEDIATE`, so no other writer interleaves. A
/// store without transactions (PostgREST) checks before the batch only: the batch then runs
/// within the lease it just renewed for `ttl`, which holds as long as one batch takes less than
/// `ttl` (see docs/scale.md for what that does and does not guarantee).
///
/// Streamed reads leave out `excludedURLPrefixes` (a root partition's children read their own
/// rows) and show each page to `rowsRead` (the worker notes the keys its rows may name in other
/// partitions while the engine reads them: no second read). Everything else passes through to
/// `base` unchanged.
public struct LeaseGuardedCatalog: CatalogStore {
    public let base: any CatalogStore
    public let runs: any SyncRunTable
    public let lease: PartitionLease
    public let ttl: Duration
    /// Url prefixes left out of every `records(_:)` read.
    public var excludedURLPrefixes: [String] = []
    /// Sees every page `records(_:)` yields, before the engine does.
    public var rowsRead: (@Sendable ([CatalogRecord]) -> Void)?

    public init(base: any CatalogStore, runs: any SyncRunTable, lease: PartitionLease, ttl: Duration) {
        self.base = base
        self.runs = runs
        self.lease = lease
        self.ttl = ttl
    }

    public var displayName: String { base.displayName }
    public var supportsTransactions: Bool { base.supportsTransactions }

    public func withTransaction<T: Sendable>(_ body: @Sendable (any CatalogWriter) async throws -> T) async throws -> T {
        try await withTransaction(checkpoint: nil, body)
    }

    public func withTransaction<T: Sendable>(
        checkpoint key: String?, _ body: @Sendable (any CatalogWriter) async throws -> T
    ) async throws -> T {
        let runs = self.runs, lease = self.lease, ttl = self.ttl
        return try await base.withTransaction { writer in
            guard try await runs.checkpoint(lease, lastKey: nil, ttl: ttl) else {
                throw CatalogError.partitionLeaseLost(lease.prefix)
            }
            let result = try await body(writer)
            // After the writes: over PostgREST (no transaction) the key is recorded only once
            // they all succeeded.
            if let key {
                guard try await runs.checkpoint(lease, lastKey: key, ttl: ttl) else {
                    throw CatalogError.partitionLeaseLost(lease.prefix)
                }
            }
            return result
        }
    }

    public func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> {
        var query = query
        query.excludedURLPrefixes += excludedURLPrefixes
        let pages = base.records(query)
        guard let rowsRead else { return pages }
        let (stream, continuation) = AsyncThrowingStream<[CatalogRecord], any Error>.makeStream()
        let task = Task {
            do {
                for try await page in pages {
                    rowsRead(page)
                    continuation.yield(page)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
    public func count(_ query: RecordQuery) async throws -> Int { try await base.count(query) }
    public func record(id: UUID) async throws -> CatalogRecord? { try await base.record(id: id) }
    public func records(urls: [String]) async throws -> [CatalogRecord] { try await base.records(urls: urls) }
    public func records(matching search: URLSearch) async throws -> [CatalogRecord] { try await base.records(matching: search) }
    public func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T {
        try await base.withSyncLock(options, body)
    }
    public func urlHistogram(_ query: RecordQuery) async throws -> [String] { try await base.urlHistogram(query) }
    public func checkSchema() async throws -> SchemaReport { try await base.checkSchema() }
    public func sizeColumnLimit() async throws -> Int64? { try await base.sizeColumnLimit() }
    public func initialize(withUsuarios: Bool) async throws { try await base.initialize(withUsuarios: withUsuarios) }
    public func upgrade() async throws -> [String] { try await base.upgrade() }

    // Writes outside `withTransaction` go through the gate too, one batch each.
    public func insert(_ rows: [NewRecord]) async throws -> [CatalogRecord] {
        try await withTransaction { try await $0.insert(rows) }
    }
    public func softDelete(ids: [UUID], actor: UUID?) async throws -> Int {
        try await withTransaction { try await $0.softDelete(ids: ids, actor: actor) }
    }
    public func restore(ids: [UUID], actor: UUID?) async throws -> Int {
        try await withTransaction { try await $0.restore(ids: ids, actor: actor) }
    }
    public func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord {
        try await withTransaction { try await $0.update(id: id, changes, actor: actor) }
    }
    public func relocate(_ moves: [RowRelocation], actor: UUID?) async throws -> Int {
        try await withTransaction { try await $0.relocate(moves, actor: actor) }
    }
}
