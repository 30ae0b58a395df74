public import Catalog
import FoundationEssentials
import Postgres

extension PostgresCatalog {
    /// The lease name of this table's sync lock (the same on every path to the table).
    public var syncLockName: String { "sync:" + table.name }

    /// Holds the table's sync lease in `r2s_locks` while `body` runs: the same row PostgREST
    /// stores take, so a sync over `DATABASE_URL` and one over Supabase REST exclude each other.
    ///
    /// Each lease operation is one autocommitted statement on a pooled connection and no
    /// transaction stays open, so it holds through a transaction-mode pooler (Supabase's port
    /// 6543, PgBouncer), where a session advisory lock would not: the pooler hands the server
    /// connection to other clients between transactions.
    public func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T {
        try await LeaseLock(table: self, name: syncLockName, catalog: displayName).run(options, body)
    }
}

extension PostgresCatalog: LeaseTable {
    /// Runs one lease statement; a missing or outdated `r2s_locks` becomes `lockTableMissing`.
    private func leaseAccess<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        do {
            return try await access(body)
        } catch let error as CatalogError where error.serverCode == "42P01" {
            throw CatalogError.lockTableMissing("does not exist", sql: [CatalogSchema.locksDDL])
        } catch let error as CatalogError where error.serverCode == "42703" {
            throw CatalogError.lockTableMissing(
                "lacks the columns host, pid and token (an older r2s made it)", sql: [CatalogSchema.locksUpgradeSQL])
        }
    }

    static let leaseSeconds = "make_interval(secs => $6::int)"

    public func insertLease(_ name: String, holder: LeaseHolder, ttl: Duration) async throws -> Bool {
        let params = Self.leaseParams(name, holder, ttl)
        return try await leaseAccess { c in
            try c.execute(
                """
                INSERT INTO r2s_locks (name, holder, host, pid, token, acquired_at, expires_at)
                VALUES ($1, $2, $3, $4::int, $5, now(), now() + \(Self.leaseSeconds))
                ON CONFLICT (name) DO NOTHING RETURNING name
                """, params
            ).rowCount == 1
        }
    }

    public func lease(_ name: String) async throws -> LeaseRow? {
        try await leaseAccess { c in
            let r = try c.execute(
                """
                SELECT holder, host, pid::text, token,
                       to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), (expires_at < now())::text
                FROM r2s_locks WHERE name = $1
                """, [name])
            guard r.rowCount == 1 else { return nil }
            return LeaseRow(
                holder: r.string(0, 0) ?? "?", host: r.string(0, 1), pid: r.string(0, 2).flatMap { Int32($0) }, token: r.string(0, 3),
                expiresAt: r.string(0, 4).flatMap(CatalogTimestamp.parse), expired: r.string(0, 5) == "true")
        }
    }

    public func takeOverLease(_ name: String, from previous: LeaseRow, holder: LeaseHolder, ttl: Duration, onlyIfExpired: Bool)
        async throws -> Bool
    {
        let params = Self.leaseParams(name, holder, ttl) + [previous.token, onlyIfExpired ? "true" : "false"]
        return try await leaseAccess { c in
            try c.execute(
                """
                UPDATE r2s_locks SET holder = $2, host = $3, pid = $4::int, token = $5, acquired_at = now(),
                       expires_at = now() + \(Self.leaseSeconds)
                WHERE name = $1 AND token IS NOT DISTINCT FROM $7 AND (NOT $8::bool OR expires_at < now())
                RETURNING name
                """, params
            ).rowCount == 1
        }
    }

    public func renewLease(_ name: String, holder: LeaseHolder, ttl: Duration) async throws -> Bool {
        let params: [String?] = [name, holder.token, String(ttl.components.seconds)]
        return try await leaseAccess { c in
            try c.execute(
                "UPDATE r2s_locks SET expires_at = now() + make_interval(secs => $3::int) WHERE name = $1 AND token = $2 RETURNING name",
                params
            ).rowCount == 1
        }
    }

    public func releaseLease(_ name: String, holder: LeaseHolder) async throws {
        let params: [String?] = [name, holder.token]
        _ = try await leaseAccess { c in try c.execute("DELETE FROM r2s_locks WHERE name = $1 AND token = $2", params).rowCount }
    }

    static func leaseParams(_ name: String, _ holder: LeaseHolder, _ ttl: Duration) -> [String?] {
        [name, holder.description, holder.host, String(holder.pid), holder.token, String(ttl.components.seconds)]
    }
}
