public import Catalog
public import FoundationEssentials
import Postgres
import Synchronization

extension PostgresCatalog {
    public func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> {
        let reader = CursorReader(store: self, query: query)
        return AsyncThrowingStream { try await reader.next() }
    }

    public func count(_ query: RecordQuery) async throws -> Int {
        let scope = PostgresScope(query)
        let sql = "SELECT count(*) FROM \(table.quoted) WHERE \(scope.sql)"
        return try await access { c in
            let r = try c.execute(sql, scope.parameters)
            return Int(r.string(0, 0) ?? "0") ?? 0
        }
    }

    public func record(id: UUID) async throws -> CatalogRecord? {
        let sql = "SELECT \(PostgresRows.selectList) FROM \(table.quoted) WHERE id = $1::uuid"
        return try await access { c in
            try PostgresRows.records(c.execute(sql, [PostgresRows.text(id)], binaryResults: true)).first
        }
    }

    public func records(urls: [String]) async throws -> [CatalogRecord] {
        var out: [CatalogRecord] = []
        let sql = "SELECT \(PostgresRows.selectList) FROM \(table.quoted) WHERE url = ANY($1::text[]) ORDER BY id"
        for start in stride(from: 0, to: urls.count, by: 5000) {
            let literal = PostgresRows.arrayLiteral(Array(urls[start..<min(start + 5000, urls.count)]))
            out += try await access { c in try PostgresRows.records(c.execute(sql, [literal], binaryResults: true)) }
        }
        return out
    }
}

/// Reads one `records(_:)` stream through a cursor, a page per `next()`.
///
/// Outside a `withTransaction` it checks out its own connection and opens a
/// `REPEATABLE READ READ ONLY` transaction; inside one it declares the cursor in that transaction.
/// If the consumer stops early, the reader is released and its connection closed, which ends the
/// transaction on the server.
///
/// **Bounded transactions (issue 17).** An open transaction holds back vacuum on the app's
/// database, and a full read lasts as long as its consumer takes (at 1M rows, 4.8–5.9 s beside
/// a sync's listing). So a transaction of its own that has been open for the store's
/// `readTransactionLimit` is committed right after the page that passes it (the connection goes
/// back to the pool), and the next page opens a new one with a cursor over the ids above the
/// last one returned. Ids never change, so the transactions' id ranges follow each other with no
/// gap and no overlap: every row is returned once, in id order, each range as one snapshot saw
/// it — the contract of the PostgREST read (docs/catalog.md). A read shorter than the limit is
/// still one snapshot.
///
/// `@unchecked Sendable`: AsyncThrowingStream(unfolding:) calls `next()` one at a time.
final class CursorReader: @unchecked Sendable {
    private static let counter = Atomic<Int>(0)

    private let store: PostgresCatalog
    private let query: RecordQuery
    private let cursor: String
    private var connection: PooledConnection?
    private var ownsTransaction = false
    private var done = false
    /// When the current transaction of our own began.
    private var began: ContinuousClock.Instant?
    /// The last id returned once a transaction was committed before the end: the next cursor
    /// starts above it.
    private var after: UUID?

    init(store: PostgresCatalog, query: RecordQuery) {
        self.store = store
        self.query = query
        self.cursor = "r2s_cursor_\(Self.counter.add(1, ordering: .relaxed).newValue)"
    }

    func next() async throws -> [CatalogRecord]? {
        guard !done else { return nil }
        do {
            let conn = try await open()
            let size = max(1, query.pageSize)
            let fetch = "FETCH FORWARD \(size) FROM \(cursor)"
            let page = try await conn.run { c in try PostgresRows.records(c.execute(fetch, binaryResults: true)) }
            if page.count < size {
                try await finish(conn, done: true)
            } else if let began, began.duration(to: .now) >= store.readTransactionLimit, let last = page.last {
                after = last.id
                try await finish(conn, done: false)
            }
            return page.isEmpty ? nil : page
        } catch {
            done = true
            if let conn = connection, ownsTransaction {
                _ = try? await conn.run { c in _ = try c.execute("ROLLBACK") }
                await store.pool.checkin(conn)
            }
            connection = nil
            if let pg = error as? PostgresError { throw store.map(pg) }
            throw error
        }
    }

    private func open() async throws -> PooledConnection {
        if let connection { return connection }
        let scope = PostgresScope(query)
        var condition = scope.sql
        var parameters = scope.parameters
        if let after {
            parameters.append(PostgresRows.text(after))
            condition = "(\(condition)) AND id > $\(parameters.count)::uuid"
        }
        let bound = parameters
        let declare =
            "DECLARE \(cursor) NO SCROLL CURSOR FOR SELECT \(PostgresRows.selectList) FROM \(store.table.quoted) WHERE \(condition) ORDER BY id"
        let conn: PooledConnection
        if let tx = store.currentTransaction {
            conn = tx
        } else {
            conn = try await store.pool.checkout()
            ownsTransaction = true
        }
        connection = conn
        let owns = ownsTransaction
        try await conn.run { c in
            if owns {
                try c.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                // A cursor is planned for its first 10 % (cursor_tuple_fraction 0.1), so `ORDER BY
                // id` picks the primary-key index and filters every row through it: at 1M rows a
                // folder's read by url prefix took 2.0 s instead of a 0.16 s scan and a sort. Every
                // cursor here is read to the end: plan for all of it (this transaction only).
                try c.execute("SET LOCAL cursor_tuple_fraction = 1.0")
            }
            try c.execute(declare, bound)
        }
        // Only a transaction of our own is bounded: a caller's transaction is the caller's.
        began = owns ? .now : nil
        return conn
    }

    /// Closes the cursor and, when the transaction is ours, commits it and returns the
    /// connection; `done: false` leaves the read to go on in a new transaction.
    private func finish(_ conn: PooledConnection, done: Bool) async throws {
        self.done = done
        let owns = ownsTransaction
        let close = "CLOSE \(cursor)"
        try await conn.run { c in
            try c.execute(close)
            if owns { try c.execute("COMMIT") }
        }
        if owns { await store.pool.checkin(conn) }
        connection = nil
    }
}
