import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import CatalogSQLite
import Foundation
import Postgres
import SQLite
import R2STestSupport
import Testing

/// The run and lease tables of shared syncs (`sync --workers`), the same contract on the three
/// catalogs: a partition is claimed by one worker at a time, an expired lease is taken over, and
/// a batch commits only while its lease is held.
@Suite struct SyncRunTableTests {
    enum Kind: String, CaseIterable, Sendable { case sqlite, postgres, postgrest }

    /// A fresh catalog table of `kind` and a maker for more handles on it (separate connections,
    /// so claims really race); nil when the server is missing (a failure under R2S_REQUIRE_SERVERS).
    /// `expire(run)` moves every lease of the run into the past, as time would: the tests never
    /// wait for a clock, so a loaded machine cannot make a lease expire early or late.
    static func stores(_ kind: Kind) async throws -> (
        make: @Sendable () throws -> any CatalogStore & SyncRunTable, table: String, expire: @Sendable (String) throws -> Void
    )? {
        let table = "t_run_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        switch kind {
        case .sqlite:
            let path = NSTemporaryDirectory() + "r2s-runs-\(table).db"
            try await SQLiteCatalog(path: path, table: table).initialize(withUsuarios: false)
            let expire: @Sendable (String) throws -> Void = { run in
                let db = try SQLite.Database(path: path)
                try db.setBusyTimeout(milliseconds: 10_000)
                let stmt = try db.prepare("UPDATE r2s_sync_leases SET expires_at = '2000-01-01T00:00:00.000Z' WHERE run_id = ? AND token IS NOT NULL")
                try stmt.bind(run, at: 1)
                _ = try stmt.step()
            }
            return ({ try SQLiteCatalog(path: path, table: table) }, table, expire)
        case .postgres, .postgrest:
            guard let pg = TestServers.postgres() else { return nil }
            try await PostgresSetup.once(pg.url)
            try await PostgresCatalog(url: pg.url, table: table).initialize(withUsuarios: false)
            let expire: @Sendable (String) throws -> Void = { run in
                let c = try Postgres.Connection(url: pg.url)
                _ = try c.execute(
                    "UPDATE r2s_sync_leases SET expires_at = now() - interval '1 hour' WHERE run_id = $1 AND token IS NOT NULL", [run])
            }
            if kind == .postgres { return ({ try PostgresCatalog(url: pg.url, table: table) }, table, expire) }
            guard try StoreFixture.postgrestStore(table: table, warnings: nil) != nil else { return nil }
            return ({ try StoreFixture.postgrestStore(table: table, warnings: nil)! }, table, expire)
        }
    }

    static func holder(_ n: Int) -> LeaseHolder { LeaseHolder(host: "test-host", pid: Int32(90000 + n)) }

    @Test("concurrent claimers never get the same partition, and together get every one", arguments: Kind.allCases)
    func exclusive(_ kind: Kind) async throws {
        guard let (make, table, _) = try await Self.stores(kind) else { return }
        let prefixes = (0..<24).map { String(format: "d%02d/", $0) }
        let run = try await make().createRun(fingerprint: "test " + table, partitions: prefixes, planner: Self.holder(0))
        let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
            for w in 1...6 {
                let store = try make()
                group.addTask {
                    var mine: [String] = []
                    while let lease = try await store.claimPartition(run: run.id, state: .pending, holder: Self.holder(w), ttl: .seconds(3600)) {
                        mine.append(lease.prefix)
                    }
                    return mine
                }
            }
            var all: [String] = []
            for try await part in group { all += part }
            return all
        }
        #expect(claimed.count == prefixes.count, "a partition was claimed twice or not at all: \(claimed.sorted())")
        #expect(Set(claimed) == Set(prefixes))
        let rows = try await make().partitions(run: run.id)
        #expect(rows.allSatisfy { $0.owner != nil && $0.takeovers == 0 })
        #expect(try await make().activeRun(fingerprint: "test " + table)?.id == run.id)
    }

    @Test("an expired lease is taken over; its old holder can neither renew nor finish it", arguments: Kind.allCases)
    func takeover(_ kind: Kind) async throws {
        guard let (make, table, expire) = try await Self.stores(kind) else { return }
        let store = try make()
        let run = try await store.createRun(fingerprint: "test " + table, partitions: ["a/"], planner: Self.holder(0))
        let first = try #require(try await store.claimPartition(run: run.id, state: .pending, holder: Self.holder(1), ttl: .seconds(3600)))
        // Held: nobody else gets it.
        #expect(try await store.claimPartition(run: run.id, state: .pending, holder: Self.holder(2), ttl: .seconds(3600)) == nil)
        try expire(run.id)
        let second = try #require(try await store.claimPartition(run: run.id, state: .pending, holder: Self.holder(2), ttl: .seconds(3600)))
        #expect(second.prefix == "a/")
        #expect(try await store.renewPartition(first, ttl: .seconds(60)) == false)
        #expect(try await store.finishPartition(first, state: .planned, counts: "{}") == false)
        #expect(try await store.renewPartition(second, ttl: .seconds(3600)))
        #expect(try await store.finishPartition(second, state: .planned, counts: "{\"removals\":1}"))
        let row = try #require(try await store.partitions(run: run.id).first)
        #expect(row.state == .planned && row.owner == nil && row.takeovers == 1 && row.counts == "{\"removals\":1}")
    }

    @Test("a batch commits only under a held lease of an approved run; a lost lease writes nothing", arguments: Kind.allCases)
    func commitGate(_ kind: Kind) async throws {
        guard let (make, table, expire) = try await Self.stores(kind) else { return }
        let store = try make()
        let run = try await store.createRun(fingerprint: "test " + table, partitions: ["a/"], planner: Self.holder(0))
        #expect(try await store.updateRun(run.id, from: [.planning], to: .approved, totals: "{}"))
        #expect(try await store.updateRun(run.id, from: [.planning], to: .approved, totals: nil) == false)
        let lost = try #require(try await store.claimPartition(run: run.id, state: .pending, holder: Self.holder(1), ttl: .seconds(3600)))
        try expire(run.id)
        let held = try #require(try await store.claimPartition(run: run.id, state: .pending, holder: Self.holder(2), ttl: .seconds(3600)))

        let stale = LeaseGuardedCatalog(base: store, runs: store, lease: lost, ttl: .seconds(3600))
        await #expect(throws: CatalogError.self) {
            _ = try await stale.withTransaction { try await $0.insert([NewRecord(nome: "x", url: "a/lost.txt")]) }
        }
        let current = LeaseGuardedCatalog(base: store, runs: store, lease: held, ttl: .seconds(3600))
        // The gate alone records nothing; a chunk of the key-ordered apply records its key.
        _ = try await current.withTransaction { try await $0.insert([NewRecord(nome: "w", url: "a/gate.txt")]) }
        var row = try #require(try await store.partitions(run: run.id).first)
        #expect(row.lastBatch == 0 && row.lastKey == nil)
        _ = try await current.withTransaction(checkpoint: "a/held.txt") { try await $0.insert([NewRecord(nome: "y", url: "a/held.txt")]) }
        let urls = try await store.allRecords(RecordQuery(deleted: .include)).map(\.url).sorted()
        #expect(urls == ["a/gate.txt", "a/held.txt"])
        row = try #require(try await store.partitions(run: run.id).first)
        #expect(row.lastBatch == 1 && row.lastKey == "a/held.txt")

        // A run no longer applicable (refused, done) refuses every batch, even under a held lease.
        #expect(try await store.updateRun(run.id, from: SyncRun.State.active, to: .refused, totals: nil))
        await #expect(throws: CatalogError.self) {
            _ = try await current.withTransaction { try await $0.insert([NewRecord(nome: "z", url: "a/late.txt")]) }
        }
        #expect(try await store.allRecords(RecordQuery(deleted: .include)).count == 2)
        _ = table
    }

    @Test("catalog init --upgrade adds the run tables to a SQLite catalog made without them, once")
    func upgradeSQLite() async throws {
        let path = NSTemporaryDirectory() + "r2s-runs-upgrade-\(UUID().uuidString).db"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // An existing catalog from before the run tables: the table only.
        let old = try SQLite.Database(path: path)
        try old.execute(
            "CREATE TABLE storage (id TEXT PRIMARY KEY NOT NULL, nome TEXT NOT NULL, url TEXT NOT NULL, content_type TEXT, size INTEGER, tipo_referencia TEXT, referencia_id TEXT, created_at TEXT, updated_at TEXT, created_by TEXT, updated_by TEXT, deleted_at TEXT)")
        let catalog = try SQLiteCatalog(path: path)
        let ran = try await catalog.upgrade()
        #expect(ran == CatalogSchema.runsDDL(sqlite: true))
        #expect(try await catalog.upgrade().isEmpty)
        let run = try await catalog.createRun(fingerprint: "f", partitions: ["a/"], planner: Self.holder(0))
        #expect(try await catalog.partitions(run: run.id).map(\.prefix) == ["a/"])
    }
}

