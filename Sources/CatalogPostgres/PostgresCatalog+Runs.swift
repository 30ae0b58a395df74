public import Catalog
import FoundationEssentials
import Postgres

/// The run and lease tables of a shared sync on direct Postgres. Claims use
/// `FOR UPDATE SKIP LOCKED`, so concurrent claimers each get a different partition without
/// waiting on each other; every expiry is compared with the server's `now()`.
extension PostgresCatalog: SyncRunTable {
    /// Runs one statement; missing run tables become `runTablesMissing` with the SQL to create them.
    private func runAccess<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        do {
            return try await access(body)
        } catch let error as CatalogError where error.serverCode == "42P01" {
            throw CatalogError.runTablesMissing(sql: CatalogSchema.runsDDL())
        }
    }

    static let runColumns = "id, fingerprint, state, totals"

    static func run(_ r: QueryResult, _ i: Int) -> SyncRun? {
        guard let id = r.string(i, 0), let state = r.string(i, 2).flatMap(SyncRun.State.init(rawValue:)) else { return nil }
        return SyncRun(id: id, fingerprint: r.string(i, 1) ?? "", state: state, totals: r.string(i, 3))
    }

    public func createRun(fingerprint: String, partitions: [String], planner: LeaseHolder) async throws -> SyncRun {
        let id = UUID().uuidString.lowercased()
        try await runAccess { c in
            try c.execute("BEGIN")
            do {
                try c.execute(
                    "INSERT INTO r2s_sync_runs (id, fingerprint, state, planner) VALUES ($1, $2, 'planning', $3)",
                    [id, fingerprint, planner.description])
                for prefix in partitions {
                    try c.execute("INSERT INTO r2s_sync_leases (run_id, prefix) VALUES ($1, $2)", [id, prefix])
                }
                try c.execute("COMMIT")
            } catch {
                _ = try? c.execute("ROLLBACK")
                throw error
            }
        }
        return SyncRun(id: id, fingerprint: fingerprint, state: .planning, totals: nil)
    }

    public func activeRun(fingerprint: String) async throws -> SyncRun? {
        try await runAccess { c in
            let r = try c.execute(
                """
                SELECT \(Self.runColumns) FROM r2s_sync_runs WHERE fingerprint = $1
                AND state IN ('planning', 'approved', 'applying') ORDER BY created_at DESC LIMIT 1
                """, [fingerprint])
            return r.rowCount == 1 ? Self.run(r, 0) : nil
        }
    }

    public func run(id: String) async throws -> SyncRun? {
        try await runAccess { c in
            let r = try c.execute("SELECT \(Self.runColumns) FROM r2s_sync_runs WHERE id = $1", [id])
            return r.rowCount == 1 ? Self.run(r, 0) : nil
        }
    }

    public func updateRun(_ id: String, from: [SyncRun.State], to state: SyncRun.State, totals: String?) async throws -> Bool {
        let params: [String?] = [id, state.rawValue, totals, "{" + from.map(\.rawValue).joined(separator: ",") + "}"]
        return try await runAccess { c in
            try c.execute(
                """
                UPDATE r2s_sync_runs SET state = $2, totals = COALESCE($3, totals), updated_at = now()
                WHERE id = $1 AND state = ANY($4::text[]) RETURNING id
                """, params
            ).rowCount == 1
        }
    }

    public func partitions(run: String) async throws -> [RunPartition] {
        try await runAccess { c in
            let r = try c.execute(
                """
                SELECT prefix, state, owner, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       last_batch::text, last_key, takeovers::text, counts
                FROM r2s_sync_leases WHERE run_id = $1 ORDER BY prefix COLLATE "C"
                """, [run])
            return (0..<r.rowCount).map { i in
                RunPartition(
                    prefix: r.string(i, 0) ?? "", state: r.string(i, 1).flatMap(RunPartition.State.init(rawValue:)) ?? .pending,
                    owner: r.string(i, 2), expiresAt: r.string(i, 3).flatMap(CatalogTimestamp.parse),
                    lastBatch: r.string(i, 4).flatMap { Int($0) } ?? 0, lastKey: r.string(i, 5),
                    takeovers: r.string(i, 6).flatMap { Int($0) } ?? 0, counts: r.string(i, 7))
            }
        }
    }

    public func claimPartition(run: String, state: RunPartition.State, holder: LeaseHolder, ttl: Duration, only: String?)
        async throws -> PartitionLease?
    {
        let params: [String?] = [run, state.rawValue, holder.description, holder.token, String(ttl.components.seconds), only]
        let prefix = try await runAccess { c -> String? in
            let r = try c.execute(
                """
                UPDATE r2s_sync_leases l SET owner = $3, token = $4, expires_at = now() + make_interval(secs => $5::int),
                       takeovers = l.takeovers + CASE WHEN l.token IS NULL THEN 0 ELSE 1 END
                FROM (SELECT run_id, prefix FROM r2s_sync_leases
                      WHERE run_id = $1 AND state = $2 AND (token IS NULL OR expires_at < now())
                        AND ($6::text IS NULL OR prefix = $6::text)
                      ORDER BY prefix COLLATE "C" LIMIT 1 FOR UPDATE SKIP LOCKED) free
                WHERE l.run_id = free.run_id AND l.prefix = free.prefix RETURNING l.prefix
                """, params)
            return r.rowCount == 1 ? r.string(0, 0) : nil
        }
        return prefix.map { PartitionLease(run: run, prefix: $0, state: state, holder: holder) }
    }

    public func renewPartition(_ lease: PartitionLease, ttl: Duration) async throws -> Bool {
        let params: [String?] = [lease.run, lease.prefix, lease.holder.token, String(ttl.components.seconds)]
        return try await runAccess { c in
            try c.execute(
                """
                UPDATE r2s_sync_leases SET expires_at = now() + make_interval(secs => $4::int)
                WHERE run_id = $1 AND prefix = $2 AND token = $3 RETURNING prefix
                """, params
            ).rowCount == 1
        }
    }

    public func finishPartition(_ lease: PartitionLease, state: RunPartition.State, counts: String) async throws -> Bool {
        let params: [String?] = [lease.run, lease.prefix, lease.holder.token, state.rawValue, counts]
        return try await runAccess { c in
            try c.execute(
                """
                UPDATE r2s_sync_leases SET state = $4, counts = $5, owner = NULL, token = NULL, expires_at = NULL
                WHERE run_id = $1 AND prefix = $2 AND token = $3 RETURNING prefix
                """, params
            ).rowCount == 1
        }
    }

    /// Inside `withTransaction`: `FOR SHARE` on the run row keeps a planner from abandoning the
    /// run while this batch commits, and the `UPDATE` of the lease row locks it until the commit.
    public func checkpoint(_ lease: PartitionLease, lastKey: String?, ttl: Duration) async throws -> Bool {
        let params: [String?] = [lease.run, lease.prefix, lease.holder.token, String(ttl.components.seconds), lastKey]
        return try await runAccess { c in
            let run = try c.execute(
                "SELECT 1 FROM r2s_sync_runs WHERE id = $1 AND state IN ('approved', 'applying') FOR SHARE", [lease.run])
            guard run.rowCount == 1 else { return false }
            return try c.execute(
                """
                UPDATE r2s_sync_leases SET expires_at = now() + make_interval(secs => $4::int),
                       last_batch = last_batch + CASE WHEN $5::text IS NULL THEN 0 ELSE 1 END,
                       last_key = COALESCE($5::text, last_key)
                WHERE run_id = $1 AND prefix = $2 AND token = $3 AND expires_at > now() RETURNING prefix
                """, params
            ).rowCount == 1
        }
    }
}
