public import Catalog
import FoundationEssentials
import SQLite

/// The run and lease tables of a shared sync in the SQLite file. Each claim is one
/// `BEGIN IMMEDIATE` transaction (SQLite's single writer: the select and the update cannot
/// interleave with another process's claim); expiry is this machine's clock, which every
/// process on one file shares.
extension SQLiteCatalog: SyncRunTable {
    /// Runs `body` on the connection, creating the run tables first when they are missing (a
    /// local file has no other path that could have created them).
    private func runAccess<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await access { db in
            for statement in CatalogSchema.runsDDL(sqlite: true) { try db.execute(statement) }
            return try body(db)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction (joined when already in one).
    private func immediately<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await runAccess { db in
            if db.inTransaction { return try body(db) }
            try db.execute("BEGIN IMMEDIATE")
            do {
                let out = try body(db)
                try db.execute("COMMIT")
                return out
            } catch {
                if db.inTransaction { _ = try? db.execute("ROLLBACK") }
                throw error
            }
        }
    }

    static func now() -> String { CatalogTimestamp.format(Date()) }
    static func expiry(_ ttl: Duration) -> String {
        CatalogTimestamp.format(Date().addingTimeInterval(Double(ttl.components.seconds)))
    }

    /// Prepares `sql`, binds `values` from 1, and steps once: true when it produced a row.
    static func step(_ db: Database, _ sql: String, _ values: [String?]) throws -> (Statement, Bool) {
        let stmt = try db.prepare(sql)
        for (i, v) in values.enumerated() { try stmt.bind(v, at: Int32(i + 1)) }
        return (stmt, try stmt.step())
    }

    public func createRun(fingerprint: String, partitions: [String], planner: LeaseHolder) async throws -> SyncRun {
        let id = UUID().uuidString.lowercased()
        try await immediately { db in
            _ = try Self.step(
                db, "INSERT INTO r2s_sync_runs (id, fingerprint, state, planner) VALUES (?, ?, 'planning', ?)",
                [id, fingerprint, planner.description])
            for prefix in partitions {
                _ = try Self.step(db, "INSERT INTO r2s_sync_leases (run_id, prefix) VALUES (?, ?)", [id, prefix])
            }
        }
        return SyncRun(id: id, fingerprint: fingerprint, state: .planning, totals: nil)
    }

    static func run(_ s: Statement) -> SyncRun? {
        guard let id = s.string(0), let state = s.string(2).flatMap(SyncRun.State.init(rawValue:)) else { return nil }
        return SyncRun(id: id, fingerprint: s.string(1) ?? "", state: state, totals: s.string(3))
    }

    public func activeRun(fingerprint: String) async throws -> SyncRun? {
        try await runAccess { db in
            let (s, row) = try Self.step(
                db,
                """
                SELECT id, fingerprint, state, totals FROM r2s_sync_runs WHERE fingerprint = ?
                AND state IN ('planning', 'approved', 'applying') ORDER BY created_at DESC LIMIT 1
                """, [fingerprint])
            return row ? Self.run(s) : nil
        }
    }

    public func run(id: String) async throws -> SyncRun? {
        try await runAccess { db in
            let (s, row) = try Self.step(db, "SELECT id, fingerprint, state, totals FROM r2s_sync_runs WHERE id = ?", [id])
            return row ? Self.run(s) : nil
        }
    }

    public func updateRun(_ id: String, from: [SyncRun.State], to state: SyncRun.State, totals: String?) async throws -> Bool {
        let marks = from.map { _ in "?" }.joined(separator: ", ")
        return try await runAccess { db in
            try Self.step(
                db,
                """
                UPDATE r2s_sync_runs SET state = ?, totals = COALESCE(?, totals), updated_at = ?
                WHERE id = ? AND state IN (\(marks)) RETURNING id
                """, [state.rawValue, totals, Self.now(), id] + from.map(\.rawValue)
            ).1
        }
    }

    public func partitions(run: String) async throws -> [RunPartition] {
        try await runAccess { db in
            let stmt = try db.prepare(
                """
                SELECT prefix, state, owner, expires_at, last_batch, last_key, takeovers, counts
                FROM r2s_sync_leases WHERE run_id = ? ORDER BY prefix
                """)
            try stmt.bind(run, at: 1)
            var out: [RunPartition] = []
            while try stmt.step() {
                out.append(
                    RunPartition(
                        prefix: stmt.string(0) ?? "", state: stmt.string(1).flatMap(RunPartition.State.init(rawValue:)) ?? .pending,
                        owner: stmt.string(2), expiresAt: stmt.string(3).flatMap(CatalogTimestamp.parse),
                        lastBatch: Int(stmt.int64(4) ?? 0), lastKey: stmt.string(5), takeovers: Int(stmt.int64(6) ?? 0),
                        counts: stmt.string(7)))
            }
            return out
        }
    }

    public func claimPartition(run: String, state: RunPartition.State, holder: LeaseHolder, ttl: Duration, only: String?)
        async throws -> PartitionLease?
    {
        let prefix = try await immediately { db -> String? in
            let (s, found) = try Self.step(
                db,
                """
                SELECT prefix, token FROM r2s_sync_leases WHERE run_id = ? AND state = ? AND (token IS NULL OR expires_at < ?)
                  AND (? IS NULL OR prefix = ?) ORDER BY prefix LIMIT 1
                """, [run, state.rawValue, Self.now(), only, only])
            guard found, let prefix = s.string(0) else { return nil }
            let takeover = s.string(1) == nil ? "0" : "1"
            _ = try Self.step(
                db,
                """
                UPDATE r2s_sync_leases SET owner = ?, token = ?, expires_at = ?, takeovers = takeovers + ?
                WHERE run_id = ? AND prefix = ?
                """, [holder.description, holder.token, Self.expiry(ttl), takeover, run, prefix])
            return prefix
        }
        return prefix.map { PartitionLease(run: run, prefix: $0, state: state, holder: holder) }
    }

    public func renewPartition(_ lease: PartitionLease, ttl: Duration) async throws -> Bool {
        try await runAccess { db in
            try Self.step(
                db, "UPDATE r2s_sync_leases SET expires_at = ? WHERE run_id = ? AND prefix = ? AND token = ? RETURNING prefix",
                [Self.expiry(ttl), lease.run, lease.prefix, lease.holder.token]
            ).1
        }
    }

    public func finishPartition(_ lease: PartitionLease, state: RunPartition.State, counts: String) async throws -> Bool {
        try await runAccess { db in
            try Self.step(
                db,
                """
                UPDATE r2s_sync_leases SET state = ?, counts = ?, owner = NULL, token = NULL, expires_at = NULL
                WHERE run_id = ? AND prefix = ? AND token = ? RETURNING prefix
                """, [state.rawValue, counts, lease.run, lease.prefix, lease.holder.token]
            ).1
        }
    }

    /// Inside `withTransaction` (`BEGIN IMMEDIATE`): no other process writes between this check
    /// and the commit of the batch.
    public func checkpoint(_ lease: PartitionLease, lastKey: String?, ttl: Duration) async throws -> Bool {
        try await immediately { db in
            let (_, applicable) = try Self.step(
                db, "SELECT 1 FROM r2s_sync_runs WHERE id = ? AND state IN ('approved', 'applying')", [lease.run])
            guard applicable else { return false }
            return try Self.step(
                db,
                """
                UPDATE r2s_sync_leases SET expires_at = ?, last_batch = last_batch + ?, last_key = COALESCE(?, last_key)
                WHERE run_id = ? AND prefix = ? AND token = ? AND expires_at > ? RETURNING prefix
                """,
                [Self.expiry(ttl), lastKey == nil ? "0" : "1", lastKey, lease.run, lease.prefix, lease.holder.token, Self.now()]
            ).1
        }
    }

    /// `catalog init --upgrade` on a SQLite file: the run tables, when missing.
    public func upgrade() async throws -> [String] {
        try await access { db in
            let (_, exists) = try Self.step(
                db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [CatalogSchema.runLeasesTable])
            guard !exists else { return [] }
            let statements = CatalogSchema.runsDDL(sqlite: true)
            for statement in statements { try db.execute(statement) }
            return statements
        }
    }
}
