public import FoundationEssentials

/// Which rows a read covers.
public struct RecordQuery: Sendable, Hashable {
    public enum Deleted: Sendable, Hashable {
        /// Only active rows (`deleted_at IS NULL`).
        case exclude
        /// Only soft-deleted rows.
        case only
        /// Both.
        case include
    }

    public var deleted: Deleted
    /// Rows whose `url` starts with any of these (union); empty = all rows. Callers pass the
    /// encoded and the raw form of a scope prefix (see `KeyMapping.urlPrefixes`).
    public var urlPrefixes: [String]
    /// Rows whose `url` starts with any of these are left out (a root partition of a shared
    /// sync leaves its child partitions' rows to them); empty = none.
    public var excludedURLPrefixes: [String] = []
    /// Exact content types or families (`image/*`); empty = any.
    public var contentTypes: [String]
    /// Page size for streamed reads (PostgREST caps at 1,000).
    public var pageSize: Int

    public init(deleted: Deleted = .exclude, urlPrefixes: [String] = [], contentTypes: [String] = [], pageSize: Int = 1000) {
        self.deleted = deleted
        self.urlPrefixes = urlPrefixes
        self.contentTypes = contentTypes
        self.pageSize = pageSize
    }
}

/// What `catalog check` finds about the live table.
public struct SchemaReport: Sendable, Hashable {
    public struct Finding: Sendable, Hashable {
        public enum Severity: String, Sendable { case error, warning, info }
        public var severity: Severity
        public var message: String
        /// SQL that fixes it, when there is one (`ALTER TABLE … TYPE BIGINT`).
        public var fixSQL: String?

        public init(severity: Severity, message: String, fixSQL: String? = nil) {
            self.severity = severity
            self.message = message
            self.fixSQL = fixSQL
        }
    }
    public var tableExists: Bool
    /// Largest value the `size` column can hold (Int32.max for INTEGER, Int64.max for BIGINT).
    public var maxSize: Int64
    public var findings: [Finding]

    public init(tableExists: Bool, maxSize: Int64, findings: [Finding]) {
        self.tableExists = tableExists
        self.maxSize = maxSize
        self.findings = findings
    }
}

/// The write operations of a catalog. `CatalogStore.withTransaction` hands its body a writer
/// whose calls all run in one database transaction.
public protocol CatalogWriter: Sendable {
    /// Inserts rows (batched internally); returns them as stored, in input order.
    ///
    /// Sizes are checked against the `size` column's limit before anything is written: a size
    /// that does not fit throws `CatalogError` (`.outOfRange`) and writes nothing.
    func insert(_ rows: [NewRecord]) async throws -> [CatalogRecord]
    /// Sets `deleted_at`/`updated_at`/`updated_by` on active rows among `ids`; returns how many changed.
    func softDelete(ids: [UUID], actor: UUID?) async throws -> Int
    /// Clears `deleted_at` (sets `updated_at`/`updated_by`) on deleted rows among `ids`; returns how many changed.
    func restore(ids: [UUID], actor: UUID?) async throws -> Int
    /// Updates fields of one row; returns it as stored.
    func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord
    /// Points each row at its new `url` (and `nome` when given), setting `updated_at`/`updated_by`
    /// — the rows of a folder move. Returns how many changed; a row that is gone throws
    /// `CatalogError` `.notFound` (inside `withTransaction` the whole batch then rolls back).
    /// Direct Postgres does it in one statement per batch; the default runs `update` per row.
    func relocate(_ moves: [RowRelocation], actor: UUID?) async throws -> Int
}

/// The file catalog: the `storage` table over PostgREST, direct Postgres or SQLite.
///
/// Reads are complete or they throw: a store that cannot prove it returned every row in scope
/// (e.g. a PostgREST response with fewer rows than the server counted for it) throws instead of
/// returning a short result. A store whose read is not one snapshot (PostgREST) documents what
/// concurrent writes can do to it (docs/catalog.md).
public protocol CatalogStore: CatalogWriter {
    /// Human description without secrets (`postgres://user@host:5432/db table storage`).
    var displayName: String { get }

    /// Streams the rows in scope in pages, ordered by `id`.
    func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error>
    /// Number of rows in scope.
    func count(_ query: RecordQuery) async throws -> Int
    /// One row by id.
    func record(id: UUID) async throws -> CatalogRecord?
    /// All rows (active and deleted) whose url equals any of `urls` (callers pass both url forms).
    func records(urls: [String]) async throws -> [CatalogRecord]
    /// The first rows (in id order, at most `search.limit`) of `search.scope` whose url contains
    /// any of `search.substrings` or, when asked, a character outside printable ASCII — one
    /// server-side query, so rows are found wherever they sit in a big table. Not a complete
    /// read: a store may return fewer than the limit (see `URLSearch`).
    func records(matching search: URLSearch) async throws -> [CatalogRecord]

    /// Urls that cut the table's urls into about equal parts, in the store's own byte order,
    /// from statistics the store already keeps (PostgreSQL's `pg_stats` histogram of `url`), so
    /// no row is read; only those under `query.urlPrefixes`. Empty when the store keeps none
    /// (SQLite, PostgREST, a table never analysed). Used to balance work — the parallel
    /// listing's first cuts — never to decide what a sync changes.
    func urlHistogram(_ query: RecordQuery) async throws -> [String]

    /// Runs `body` holding the table's sync lock: the lease row in `r2s_locks` shared by every
    /// server path (`LeaseLock`), or SQLite's lock file. Waits up to `options.wait`, then throws
    /// `CatalogError` `.locked` naming the holder; reports takeovers through `options.notice`.
    func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T

    /// Runs `body` with every write it makes through the given writer in **one transaction**:
    /// committed when `body` returns, rolled back when it throws (a whole sync apply step).
    /// Stores without transactions (PostgREST) run the writes one request at a time and say so
    /// with `supportsTransactions == false`.
    func withTransaction<T: Sendable>(_ body: @Sendable (any CatalogWriter) async throws -> T) async throws -> T
    /// `withTransaction` for one chunk of a worker's key-ordered apply: a lease-guarded store
    /// (`LeaseGuardedCatalog`) records `checkpoint` — a key such that every change of the
    /// partition at or below it is committed — in the partition's lease row in the same
    /// transaction (nil: the gate only, nothing recorded). Other stores ignore it.
    func withTransaction<T: Sendable>(checkpoint: String?, _ body: @Sendable (any CatalogWriter) async throws -> T) async throws -> T
    /// True when `withTransaction` is all-or-nothing.
    var supportsTransactions: Bool { get }

    /// Compares the live table with the expected schema.
    func checkSchema() async throws -> SchemaReport
    /// The largest value the `size` column holds (`SchemaReport.maxSize`), `nil` when the table
    /// does not exist — without `checkSchema`'s whole-table checks (duplicate urls), which on a
    /// big catalog cost a scan of every row (over PostgREST: a read of every row).
    func sizeColumnLimit() async throws -> Int64?
    /// Creates the table (and, when asked, `uuid-ossp` and a minimal `usuarios`); refuses if it exists.
    func initialize(withUsuarios: Bool) async throws
    /// Adds what is missing around an existing table — `r2s_locks` or its newer columns —
    /// without touching any row; returns the statements it ran (empty: nothing was missing).
    func upgrade() async throws -> [String]
}

extension CatalogStore {
    /// The sync lock, refusing at once when it is held.
    public func withSyncLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await withSyncLock(SyncLockOptions(), body)
    }

    /// Stores with nothing beside their table to add.
    public func upgrade() async throws -> [String] { [] }

    /// Stores that keep no statistics of their urls.
    public func urlHistogram(_ query: RecordQuery) async throws -> [String] { [] }

    /// Default for stores without transactions: the writes go one by one.
    public func withTransaction<T: Sendable>(_ body: @Sendable (any CatalogWriter) async throws -> T) async throws -> T {
        try await body(self)
    }
    public var supportsTransactions: Bool { false }

    /// Stores that keep no lease row: the checkpoint means nothing to them.
    public func withTransaction<T: Sendable>(
        checkpoint: String?, _ body: @Sendable (any CatalogWriter) async throws -> T
    ) async throws -> T {
        try await withTransaction(body)
    }

    /// Collects every row in scope (tests and small scopes only).
    public func allRecords(_ query: RecordQuery = RecordQuery()) async throws -> [CatalogRecord] {
        var out: [CatalogRecord] = []
        for try await page in records(query) { out.append(contentsOf: page) }
        return out
    }
}
