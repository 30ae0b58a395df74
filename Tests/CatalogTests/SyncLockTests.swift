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
}
