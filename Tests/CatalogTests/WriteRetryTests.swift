import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import Foundation
import Postgres
import R2SCore
import R2STestSupport
import Testing

/// Catalog writes retried on transient failures, against the real servers: the PostgREST double
/// loses a write's answer after committing it (or fails before writing, or resets the
/// connection); Postgres has the store's pooled connection killed by the server.
@Suite struct WriteRetryTests {
    /// A fresh table and a PostgREST store on it with a request log.
    func withPostgREST(_ body: (PostgRESTCatalog, RecordingTransport, StoreFixture) async throws -> Void) async throws {
        guard TestServers.postgrest() != nil else { return }
        try await StoreFixture.withPostgresTable(named: "t_retry_" + UUID().uuidString.prefix(8).lowercased()) { fixture in
            let transport = RecordingTransport()
            let store = try #require(try StoreFixture.postgrestStore(table: fixture.table, transport: transport, warnings: nil))
            try await body(store, transport, fixture)
        }
    }

    func rows(_ n: Int) -> [NewRecord] {
        (0..<n).map { NewRecord(nome: "f\($0).pdf", url: "https://cdn.example.com/retry/f\($0).pdf", contentType: "application/pdf", size: 3) }
    }

    func posts(_ t: RecordingTransport) -> Int { t.log.requests.filter { $0.method == "POST" }.count }

    @Test(
        "PostgREST insert whose answer is lost after the commit: replayed, verified by id, no duplicate row",
        arguments: [503, 0])
    func insertLandedThenLost(failAs: Int) async throws {
        try await withPostgREST { store, transport, fixture in
            try await StoreFixture.configureSubset(["table": fixture.table, "fail_writes": 1, "fail_when": "after", "fail_as": failAs])
            let inserted = try await store.insert(rows(3))
            #expect(inserted.map(\.nome) == ["f0.pdf", "f1.pdf", "f2.pdf"])
            // One replay: r2s's own after a 503; after a reset either r2s's or libcurl's (which
            // silently re-sends on a reused connection that died), and then r2s logs one POST.
            #expect(failAs == 0 ? (1...2).contains(posts(transport)) : posts(transport) == 2, "\(posts(transport)) POSTs")
            let all = try await store.allRecords()
            #expect(all.count == 3, "a replay must not duplicate rows: \(all.map(\.url))")
            #expect(Set(all.map(\.id)) == Set(inserted.map(\.id)))
        }
    }

    @Test("PostgREST insert failing before the write (503 twice) is replayed and lands once")
    func insertFailedBefore() async throws {
        try await withPostgREST { store, transport, fixture in
            try await StoreFixture.configureSubset(["table": fixture.table, "fail_writes": 2, "fail_when": "before", "fail_as": 503])
            let inserted = try await store.insert(rows(2))
            #expect(inserted.count == 2)
            #expect(posts(transport) == 3)
            #expect(try await store.count(RecordQuery()) == 2)
        }
    }

    @Test("PostgREST soft-delete and update whose answers are lost: replayed, the count is still the rows changed")
    func patchLandedThenLost() async throws {
        try await withPostgREST { store, transport, fixture in
            let inserted = try await store.insert(rows(2))
            try await StoreFixture.configureSubset(["table": fixture.table, "fail_writes": 1, "fail_when": "after", "fail_as": 0])
            let changed = try await store.softDelete(ids: inserted.map(\.id), actor: nil)
            #expect(changed == 2, "the replay finds the rows its first attempt changed")
            #expect(try await store.count(RecordQuery()) == 0)
            // (A reset connection may be re-sent by libcurl itself: only a 503 is counted here.)
            let patches = transport.log.requests.filter { $0.method == "PATCH" }.count
            try await StoreFixture.configureSubset(["table": fixture.table, "fail_writes": 1, "fail_when": "after", "fail_as": 503])
            let updated = try await store.update(id: inserted[0].id, RecordChanges(nome: "renamed.pdf"), actor: nil)
            #expect(updated.nome == "renamed.pdf")
            #expect(transport.log.requests.filter { $0.method == "PATCH" }.count == patches + 2)
        }
    }

    @Test("PostgREST: a constraint error is never retried; failures past the last attempt are thrown (exit 3)")
    func notRetried() async throws {
        try await withPostgREST { store, transport, fixture in
            var bad = rows(1)
            bad[0].createdBy = UUID()  // not in usuarios: 23503
            await #expect { _ = try await store.insert(bad) } throws: { ($0 as? CatalogError)?.code == .foreignKey }
            #expect(posts(transport) == 1)
            try await StoreFixture.configureSubset(["table": fixture.table, "fail_writes": 9, "fail_when": "before", "fail_as": 503])
            await #expect { _ = try await store.insert(rows(1)) } throws: {
                ($0 as? CatalogError)?.code == .connection && ($0 as? CatalogError)?.exitStatus == .config
            }
            #expect(posts(transport) == 1 + WriteRetry.standard.maxAttempts)
            try await StoreFixture.configureSubset(["table": fixture.table, "fail_writes": 0])
            #expect(try await store.count(RecordQuery()) == 0)
        }
    }

    @Test("Postgres: writes on a pooled connection the server killed are retried on a new one")
    func postgresConnectionKilled() async throws {
        guard let pg = TestServers.postgres() else { return }
        try await PostgresSetup.once(pg.url)
        let table = "t_retry_" + UUID().uuidString.prefix(8).lowercased()
        let app = "r2s-retry-\(UUID().uuidString.prefix(8).lowercased())"
        let url = pg.url + (pg.url.contains("?") ? "&" : "?") + "application_name=" + app
        let store = try PostgresCatalog(url: url, table: table)
        try await store.initialize(withUsuarios: false)
        let fixture = StoreFixture(kind: .postgres, store: store, table: table, sqlitePath: nil, pgURL: pg.url)
        defer { try? fixture.sql("DROP TABLE IF EXISTS \"\(table)\"") }
        func kill() throws {
            try fixture.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(app)'")
        }

        let first = try await store.insert(rows(2))
        try kill()
        let second = try await store.insert([NewRecord(nome: "g.pdf", url: "https://cdn.example.com/retry/g.pdf", size: 1)])
        #expect(second.count == 1)
        try kill()
        #expect(try await store.softDelete(ids: first.map(\.id), actor: nil) == 2)
        try kill()
        let renamed = try await store.update(id: second[0].id, RecordChanges(nome: "h.pdf"), actor: nil)
        #expect(renamed.nome == "h.pdf")
        #expect(try await store.count(RecordQuery(deleted: .include)) == 3)
    }

    @Test("transient: connection, 429, serialization, deadlock, restart; never a constraint or a bad value")
    func classification() {
        func error(_ code: CatalogError.Code, _ server: String?) -> CatalogError { CatalogError(code, "x", serverCode: server) }
        for e in [error(.connection, nil), error(.connection, "PGRST000"), error(.server, "40001"), error(.server, "40P01"),
                  error(.server, "57P01"), error(.connection, "429"), error(.server, "08006")] {
            #expect(e.isTransient, "\(e)")
        }
        for e in [error(.server, "23505"), error(.foreignKey, "23503"), error(.outOfRange, "22003"), error(.permission, "42501"),
                  error(.authentication, "28P01"), error(.server, nil)] {
            #expect(!e.isTransient, "\(e)")
        }
        let retry = WriteRetry(baseDelayMilliseconds: 200, maxDelayMilliseconds: 1000)
        for attempt in 1...6 {
            let step = min(1000, 200 << (attempt - 1))
            let d = retry.delay(afterAttempt: attempt)
            #expect(d >= .milliseconds(step / 2) && d <= .milliseconds(step), "attempt \(attempt): \(d)")
        }
    }
}
