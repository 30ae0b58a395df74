import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import Foundation
import Postgres
import R2SCore
import R2STestSupport
import Testing

/// The one sync lock every path to a table shares: a lease row in `r2s_locks`, taken the same
/// way over direct Postgres, through a transaction-mode pooler (PgBouncer) and over PostgREST.
@Suite struct SyncLockTests {
    /// A fresh table reachable over direct Postgres, PgBouncer and PostgREST.
    struct Paths {
        let table: String
        let pg: TestServers.Postgres
        let bouncer: TestServers.Postgres
        let restAvailable: Bool

        func direct() throws -> PostgresCatalog { try PostgresCatalog(url: pg.url, table: table) }
        func pooled() throws -> PostgresCatalog { try PostgresCatalog(url: bouncer.url, table: table) }
        func rest() throws -> PostgRESTCatalog? { try StoreFixture.postgrestStore(table: table, warnings: nil) }
        func sql(_ text: String) throws {
            let c = try Postgres.Connection(url: pg.url)
            _ = try c.execute("SET lock_timeout = '3s'")
            _ = try c.execute(text)
        }
        func leaseRows() throws -> Int {
            let c = try Postgres.Connection(url: pg.url)
            return Int(try c.execute("SELECT count(*)::text FROM r2s_locks WHERE name = 'sync:\(table)'").string(0, 0) ?? "") ?? -1
        }

        static func with(_ body: (Paths) async throws -> Void) async throws {
            guard let pg = TestServers.postgres(), let bouncer = TestServers.pgbouncer() else { return }
            try await PostgresSetup.once(pg.url)
            let table = "t_lock_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            try await PostgresCatalog(url: pg.url, table: table).initialize(withUsuarios: false)
            let paths = Paths(table: table, pg: pg, bouncer: bouncer, restAvailable: TestServers.postgrest() != nil)
            defer {
                try? paths.sql("DROP TABLE IF EXISTS \"\(table)\"")
                try? paths.sql("DELETE FROM r2s_locks WHERE name = 'sync:\(table)'")
            }
            try await body(paths)
        }
    }

    /// The error a second holder gets while `first` holds the lock (nil when it got the lock too).
    static func contend(_ first: any CatalogStore, _ second: any CatalogStore) async throws -> CatalogError? {
        try await first.withSyncLock { () -> CatalogError? in
            do {
                try await second.withSyncLock {}
                return nil
            } catch let e as CatalogError {
                return e
            }
        }
    }

    @Test("a sync over Postgres and one over PostgREST on the same table exclude each other (both ways)")
    func crossPath() async throws {
        try await Paths.with { p in
            guard let rest = try p.rest() else { return }
            let direct = try p.direct()
            #expect(try await Self.contend(direct, rest)?.code == .locked)
            #expect(try await Self.contend(rest, direct)?.code == .locked)
            // Released both times: each path takes it again.
            #expect(try await direct.withSyncLock { 1 } == 1)
            #expect(try await rest.withSyncLock { 2 } == 2)
        }
    }

    @Test("through a transaction-mode pooler (PgBouncer) a second holder is refused, and the lock is a lease row")
    func pooler() async throws {
        try await Paths.with { p in
            let a = try p.pooled(), b = try p.pooled()
            let rows = try await a.withSyncLock { try p.leaseRows() }
            #expect(rows == 1)
            #expect(try p.leaseRows() == 0)
            #expect(try await Self.contend(a, b)?.code == .locked)
            #expect(try await Self.contend(b, try p.direct())?.code == .locked)
            if let rest = try p.rest() { #expect(try await Self.contend(rest, a)?.code == .locked) }
            #expect(try await b.withSyncLock { true })
        }
    }

    /// A pid that existed a moment ago and no longer does.
    static func deadPid() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    /// Writes a lease row for the table as another holder would.
    static func plant(_ p: Paths, host: String, pid: Int32, expiresIn seconds: Int) throws {
        try p.sql(
            """
            INSERT INTO r2s_locks (name, holder, host, pid, token, expires_at)
            VALUES ('sync:\(p.table)', 'r2s 0.9 pid \(pid) on \(host)', '\(host)', \(pid), 'planted', now() + make_interval(secs => \(seconds)))
            """)
    }

    /// The stores of every server path to the table.
    static func stores(_ p: Paths) throws -> [(String, any CatalogStore)] {
        var out: [(String, any CatalogStore)] = [("postgres", try p.direct()), ("pgbouncer", try p.pooled())]
        if let rest = try p.rest() { out.append(("postgrest", rest)) }
        return out
    }

    @Test("a lock whose holder died on this host is taken over at once, and the takeover is said")
    func deadPidTakeover() async throws {
        try await Paths.with { p in
            for (path, store) in try Self.stores(p) {
                try Self.plant(p, host: LeaseHolder.hostName(), pid: try Self.deadPid(), expiresIn: 3600)
                let notes = WarningLog()
                let ran = try await store.withSyncLock(SyncLockOptions { notes.append($0.en) }) { true }
                #expect(ran, "\(path)")
                #expect(notes.all.contains { $0.contains("no longer running on this host") && $0.contains("r2s 0.9 pid") }, "\(path): \(notes.all)")
                #expect(try p.leaseRows() == 0, "\(path): released afterwards")
            }
        }
    }

    @Test("a live holder on another host: refused, naming the holder and its expiry once, with a --wait hint")
    func liveHolderMessage() async throws {
        try await Paths.with { p in
            try Self.plant(p, host: "cron-box-7", pid: 4242, expiresIn: 3600)
            for (path, store) in try Self.stores(p) {
                do {
                    try await store.withSyncLock {}
                    Issue.record("\(path): expected a refusal")
                } catch let e as CatalogError {
                    #expect(e.code == .locked && e.exitStatus == .refused)
                    let text = e.userMessage
                    #expect(text.components(separatedBy: "pid 4242 on cron-box-7").count == 2, "\(path): \(text)")
                    #expect(text.components(separatedBy: "lease until").count == 2, "\(path): \(text)")
                    #expect(e.hint?.contains("--wait") == true)
                    #expect(e.localizedMessage(.ptBR).contains("concessão até"))
                }
            }
            // Expired (its holder stopped renewing): taken over, and said so.
            try p.sql("UPDATE r2s_locks SET expires_at = now() - interval '1 second' WHERE name = 'sync:\(p.table)'")
            let notes = WarningLog()
            #expect(try await p.direct().withSyncLock(SyncLockOptions { notes.append($0.en) }) { true })
            #expect(notes.all.contains { $0.contains("expired") && $0.contains("cron-box-7") }, "\(notes.all)")
        }
    }

    @Test("--wait: a second holder waits for the first to release, on every path; a short wait still refuses")
    func waitsForTheLock() async throws {
        try await Paths.with { p in
            for (path, store) in try Self.stores(p) {
                let holder = try p.direct()
                let waiting = AsyncStream<Void>.makeStream()
                let first = Task {
                    try await holder.withSyncLock {
                        // Hold until the second announced that it waits.
                        for await _ in waiting.stream { break }
                    }
                }
                while try p.leaseRows() == 0 { try await Task.sleep(for: .milliseconds(20)) }
                let notes = WarningLog()
                // A wait that cannot run out while the first holder lets go, even when a loaded
                // machine stalls this process for minutes (1 m did run out under load 40).
                let options = SyncLockOptions(wait: .seconds(3600)) { text in
                    notes.append(text.en)
                    waiting.continuation.yield()
                }
                #expect(try await store.withSyncLock(options) { 7 } == 7, "\(path)")
                #expect(notes.all.count == 1 && notes.all[0].contains("waiting up to 1h"), "\(path): \(notes.all)")
                try await first.value
            }
            try Self.plant(p, host: "cron-box-7", pid: 4242, expiresIn: 3600)
            await #expect(throws: CatalogError.self) { try await p.pooled().withSyncLock(SyncLockOptions(wait: .milliseconds(300))) {} }
        }
    }

    @Test("without r2s_locks no sync runs; catalog check reports it; upgrade adds it (and old columns) keeping every row")
    func missingLockTable() async throws {
        guard let pg = TestServers.postgres() else { return }
        // r2s_locks is shared by every test in the main database: this one gets a database of its own.
        let db = "r2s_nolocks_" + UUID().uuidString.prefix(8).lowercased()
        _ = try Postgres.Connection(url: pg.url).execute("CREATE DATABASE \(db)")
        defer { _ = try? Postgres.Connection(url: pg.url).execute("DROP DATABASE IF EXISTS \(db) WITH (FORCE)") }
        #expect(pg.url.hasSuffix("/postgres"))
        let url = String(pg.url.dropLast("postgres".count)) + db
        let store = try PostgresCatalog(url: url, table: "storage")
        try await store.initialize(withUsuarios: true)
        _ = try await store.insert(Rows.make(3))
        _ = try Postgres.Connection(url: url).execute("DROP TABLE r2s_locks")

        let error = await #expect(throws: CatalogError.self) { try await store.withSyncLock {} }
        #expect(error?.exitStatus == .config)
        #expect(error?.hint?.contains("catalog init --upgrade") == true)
        let check = try await store.checkSchema()
        #expect(check.findings.contains { $0.severity == .error && $0.message.contains("r2s_locks does not exist") })

        #expect(try await store.upgrade() == [CatalogSchema.locksDDL])
        #expect(try await store.upgrade().isEmpty)
        #expect(try await store.count(RecordQuery()) == 3)
        #expect(try await store.withSyncLock { true })

        // An r2s_locks of the first version (no host/pid/token): reported, refused, upgraded.
        _ = try Postgres.Connection(url: url).execute("ALTER TABLE r2s_locks DROP COLUMN host, DROP COLUMN pid, DROP COLUMN token")
        #expect(try await store.checkSchema().findings.contains { $0.message.contains("lacks the columns host, pid, token") })
        await #expect(throws: CatalogError.self) { try await store.withSyncLock {} }
        #expect(try await store.upgrade() == [CatalogSchema.locksUpgradeSQL])
        #expect(try await store.withSyncLock { true })
        #expect(try await store.count(RecordQuery()) == 3)
    }
}
