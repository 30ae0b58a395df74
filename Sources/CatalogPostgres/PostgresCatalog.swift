public import Catalog
import FoundationEssentials
import Postgres
import UserFacing
import Synchronization

/// The catalog over a direct PostgreSQL connection (`DATABASE_URL`, libpq).
///
/// - Every statement is `PQexecParams` with an unnamed statement and `$n` parameters: values are
///   never spliced into SQL, and no server-side prepared statement is created, so it works
///   through Supabase's transaction pooler (port 6543) as well as direct and session-pooler
///   connections. `sslmode` and the other libpq URL parameters are honoured by libpq.
/// - Large reads use a cursor inside a `REPEATABLE READ READ ONLY` transaction, fetched in pages
///   (binary results): memory bounded by the page size; a read that outlasts
///   `readTransactionLimit` goes on in a new transaction above the last id (`CursorReader`).
/// - Inserts are multi-row `INSERT … RETURNING` (1,000 rows per statement); soft-delete and
///   restore are `UPDATE … WHERE id = ANY($1::uuid[])`.
/// - `withTransaction` runs a whole apply step in one transaction on one connection.
/// - `withSyncLock` holds the table's lease row in `r2s_locks` (`LeaseLock`), the same lock
///   PostgREST stores take; it needs no session state, so it holds through any pooler.
public final class PostgresCatalog: CatalogStore {
    /// The table.
    public let table: CatalogTable
    let redactedURL: String
    /// The URL's passwords (as written and decoded): scrubbed from every message libpq gives us.
    let urlSecrets: [String]
    let pool: PostgresPool
    let sizeLimitCache = Mutex<Int64?>(nil)
    /// How long one read transaction may stay open before the read commits it and goes on in a
    /// new one (see `CursorReader`).
    let readTransactionLimit: Duration

    /// The default `readTransactionLimit`: well under issue 17's 5 s, and long enough that a read
    /// of up to a few hundred thousand rows is still one snapshot.
    public static let defaultReadTransactionLimit: Duration = .seconds(2)

    /// A store for `url` (`postgres://…` or a libpq conninfo string). Connects lazily.
    /// `readTransactionLimit`: how long one read transaction may stay open.
    public init(
        url: String, table: String = CatalogTable.defaultName,
        readTransactionLimit: Duration = PostgresCatalog.defaultReadTransactionLimit
    ) throws(CatalogError) {
        self.table = try CatalogTable(table)
        self.readTransactionLimit = readTransactionLimit
        self.redactedURL = PostgresURL.redacted(url)
        self.urlSecrets = SecretRule.secretValues(name: "DATABASE_URL", value: url)
        self.pool = PostgresPool(url: url)
    }

    public var displayName: String { "\(redactedURL) table \(table.name)" }

    public var supportsTransactions: Bool { true }

    // MARK: - Access

    /// The connection of the transaction this task runs in, for one store.
    struct TransactionBinding: Sendable {
        var store: ObjectIdentifier
        var connection: PooledConnection
    }

    @TaskLocal static var transaction: TransactionBinding?

    /// The connection of this store's transaction, when this task is inside one.
    var currentTransaction: PooledConnection? {
        guard let t = Self.transaction, t.store == ObjectIdentifier(self) else { return nil }
        return t.connection
    }

    /// Runs `body` on a connection: the current transaction's, or a pooled one. Postgres errors
    /// become `CatalogError`s.
    func access<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        do {
            if let tx = currentTransaction { return try await tx.run(body) }
            let conn = try await pool.checkout()
            do {
                let result = try await conn.run(body)
                await pool.checkin(conn)
                return result
            } catch {
                await pool.checkin(conn)
                throw error
            }
        } catch let error as PostgresError {
            throw map(error)
        }
    }

    /// Runs `body` atomically: inside the current transaction as a savepoint, otherwise in a
    /// transaction of its own. Used by multi-statement writes (batched inserts).
    func atomically<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await access { c in
            let nested = c.transactionStatus == .inTransaction
            try c.execute(nested ? "SAVEPOINT r2s_atomic" : "BEGIN")
            do {
                let result = try body(c)
                try c.execute(nested ? "RELEASE SAVEPOINT r2s_atomic" : "COMMIT")
                return result
            } catch {
                _ = try? c.execute(nested ? "ROLLBACK TO SAVEPOINT r2s_atomic" : "ROLLBACK")
                throw error
            }
        }
    }

    public func withTransaction<T: Sendable>(_ body: @Sendable (any CatalogWriter) async throws -> T) async throws -> T {
        if currentTransaction != nil { return try await body(self) }  // nested: join
        let conn: PooledConnection
        do { conn = try await pool.checkout() } catch let error as PostgresError { throw map(error) }
        do {
            _ = try await conn.run { c in _ = try c.execute("BEGIN") }
            let result = try await Self.$transaction.withValue(TransactionBinding(store: ObjectIdentifier(self), connection: conn)) {
                try await body(self)
            }
            _ = try await conn.run { c in _ = try c.execute("COMMIT") }
            await pool.checkin(conn)
            return result
        } catch {
            _ = try? await conn.run { c in _ = try c.execute("ROLLBACK") }
            await pool.checkin(conn)
            if let pg = error as? PostgresError { throw map(pg) }
            throw error
        }
    }

    /// The largest value `size` holds (from the live column type), cached after the first ask.
    func sizeLimit() async throws -> Int64 {
        if let cached = sizeLimitCache.withLock({ $0 }) { return cached }
        let table = self.table
        let type = try await access { c -> String? in
            let r = try c.execute(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'size' AND NOT attisdropped",
                [table.quoted])
            return r.rowCount > 0 ? r.string(0, 0) : nil
        }
        guard let type else { throw CatalogError.tableMissing(table.name) }
        let limit = CatalogSchema.sizeLimit(forType: type) ?? Int64(Int32.max)
        sizeLimitCache.withLock { $0 = limit }
        return limit
    }
}
