import Catalog
import Postgres

extension PostgresCatalog {
    /// The advisory-lock key: FNV-1a (64-bit) of `r2s.sync:<table>`, fixed for a table name so
    /// every r2s agrees on it. Visible in `pg_locks` as classid/objid (high/low 32 bits).
    public var syncLockKey: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ("r2s.sync:" + table.name).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// Holds the catalog's advisory lock on a dedicated connection while `body` runs.
    ///
    /// Direct or session-pooler connections take a session lock (`pg_try_advisory_lock`), released
    /// explicitly afterwards and by the server if r2s dies (the session ends). Behind a
    /// transaction pooler a session lock could land on a pooled backend and outlive r2s, so there
    /// the lock is `pg_try_advisory_xact_lock` inside a transaction kept open for the duration.
    public func withSyncLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let key = String(syncLockKey)
        let xact = transactionPooler
        let conn: PooledConnection
        do { conn = try await pool.dedicated() } catch let error as PostgresError { throw map(error) }
        let got: Bool
        do {
            got = try await conn.run { c in
                if xact { try c.execute("BEGIN") }
                let fn = xact ? "pg_try_advisory_xact_lock" : "pg_try_advisory_lock"
                return try c.execute("SELECT \(fn)($1::int8)", [key]).string(0, 0) == "t"
            }
        } catch let error as PostgresError {
            throw map(error)
        }
        guard got else {
            let holder = try? await conn.run { c in try Self.describeHolder(c, key: key) }
            throw CatalogError.locked(displayName, holder: holder ?? nil)
        }
        do {
            let result = try await body()
            _ = try? await conn.run { c in _ = try c.execute(xact ? "COMMIT" : "SELECT pg_advisory_unlock($1::int8)", xact ? [] : [key]) }
            return result
        } catch {
            _ = try? await conn.run { c in _ = try c.execute(xact ? "ROLLBACK" : "SELECT pg_advisory_unlock($1::int8)", xact ? [] : [key]) }
            throw error
        }
    }

    /// "pid 123, r2s from 10.0.0.5, since …" for the lock's current holder, when visible.
    static func describeHolder(_ c: Connection, key: String) throws -> String? {
        let r = try c.execute(
            """
            SELECT a.pid::text, a.application_name, coalesce(host(a.client_addr), 'local'), to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.classid = (($1::int8 >> 32) & 4294967295)::oid AND l.objid = ($1::int8 & 4294967295)::oid
            LIMIT 1
            """, [key])
        guard r.rowCount > 0 else { return nil }
        let app = r.string(0, 1).flatMap { $0.isEmpty ? nil : $0 } ?? "?"
        return "pid \(r.string(0, 0) ?? "?"), \(app) from \(r.string(0, 2) ?? "?"), connected since \(r.string(0, 3) ?? "?")"
    }
}
