import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import Foundation
import R2SCore
import R2STestSupport
import Testing

/// PostgREST-only behaviour, against the subset server (max-rows 1000).
@Suite struct PostgRESTCatalogTests {
    /// A fresh table over direct Postgres and a PostgREST store on it with a request log.
    func with(_ body: (PostgRESTCatalog, RecordingTransport, WarningLog, String) async throws -> Void) async throws {
        guard TestServers.postgrest() != nil else { return }
        try await StoreFixture.withPostgresTable(named: "t_rest_" + UUID().uuidString.prefix(8).lowercased()) { fixture in
            let transport = RecordingTransport()
            let warnings = WarningLog()
            let store = try #require(try StoreFixture.postgrestStore(table: fixture.table, transport: transport, warnings: warnings))
            try await body(store, transport, warnings, fixture.table)
        }
    }

    @Test("a server that reports a different total than it returns makes the read throw")
    func countMismatch() async throws {
        try await with { store, _, _, table in
            _ = try await store.insert(Rows.make(1500))
            try await StoreFixture.configureSubset(["table": table, "count_offset": 1])
            await #expect {
                _ = try await store.allRecords()
            } throws: { ($0 as? CatalogError)?.code == .incompleteRead }
            try await StoreFixture.configureSubset(["table": table, "count_offset": -1])
            await #expect {
                _ = try await store.allRecords()
            } throws: { ($0 as? CatalogError)?.code == .incompleteRead }
        }
    }

    @Test("a server capping below the page size is still read completely")
    func lowerCap() async throws {
        try await with { store, transport, _, table in
            try await StoreFixture.configureSubset(["table": table, "max_rows": 300])
            let stored = try await store.insert(Rows.make(1234))  // representation capped: rest re-read by id
            #expect(stored.count == 1234 && Set(stored.map(\.id)).count == 1234)
            let all = try await store.allRecords()
            #expect(all.count == 1234)
            #expect(transport.log.requests.filter { $0.method == "GET" && $0.url.contains("limit=1000") }.count >= 5)
        }
    }

    @Test("sends apikey and a User-Agent, and no Authorization for an sb_secret key; pages by id")
    func headers() async throws {
        try await with { store, transport, _, _ in
            _ = try await store.insert(Rows.make(1001))
            _ = try await store.allRecords()
            #expect(!store.displayName.contains(TestServers.postgrest()?.key ?? "?"))
            let gets = transport.log.requests.filter { $0.method == "GET" }
            #expect(!gets.isEmpty)
            for r in transport.log.requests {
                #expect(r.headers.contains { $0.name == "apikey" })
                #expect(r.headers.contains { $0.name == "User-Agent" && $0.value.hasPrefix("r2s/") })
                #expect(!r.headers.contains { $0.name == "Authorization" })
            }
            #expect(gets.contains { $0.url.contains("order=id.asc") && $0.url.contains("id=gt.") })
            #expect(gets.first { $0.url.contains("order=id.asc") }?.headers.contains { $0.name == "Prefer" && $0.value == "count=exact" } == true)
            let post = try #require(transport.log.requests.first { $0.method == "POST" })
            #expect(post.headers.contains { $0.name == "Prefer" && $0.value == "return=representation,missing=default" })
            #expect(post.idempotent == false)
        }
    }

    @Test("a JWT key is also sent as a Bearer token and the wrong key is a 401 without the key in it")
    func jwtAndWrongKey() async throws {
        guard let server = TestServers.postgrest() else { return }
        // header.payload.signature with payload {"role":"anon"}
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJlc2lnbmF0dXJl"
        let transport = RecordingTransport()
        let store = try PostgRESTCatalog(url: server.url + "/", key: jwt, table: "storage", transport: transport)
        #expect(!store.displayName.contains(jwt))
        #expect(store.displayName.contains("anon JWT"))
        do {
            _ = try await store.count(RecordQuery())
            Issue.record("expected 401")
        } catch let e as CatalogError {
            #expect(e.code == .authentication && e.exitStatus == .config)
            #expect(!e.userMessage.contains(jwt) && !(e.hint ?? "").contains(jwt))
            #expect(e.hint?.contains("sb_secret_") == true)
        }
        #expect(transport.log.requests.first?.headers.contains { $0.name == "Authorization" && $0.value == "Bearer " + jwt } == true)
    }

    @Test("rows hidden by row-level security produce a warning to use the secret key")
    func rlsWarning() async throws {
        guard let server = TestServers.postgrest() else { return }
        try await with { secret, _, secretWarnings, table in
            let warnings = WarningLog()
            let publishable = try PostgRESTCatalog(
                url: server.url, key: server.key.replacingOccurrences(of: "sb_secret_", with: "sb_publishable_"), table: table,
                transport: RecordingTransport(), warn: { warnings.append($0.en) })
            #expect(publishable.displayName.contains("publishable"))
            let rows = try await secret.insert(Rows.make(3))
            try await StoreFixture.configureSubset(["table": table, "rls_hidden": true])
            #expect(try await publishable.count(RecordQuery()) == 0)
            #expect(try await publishable.softDelete(ids: rows.map(\.id), actor: nil) == 0)
            #expect(warnings.all.count == 2)
            #expect(warnings.all.allSatisfy { $0.contains("row-level security") && $0.contains("sb_secret_") })
            await #expect {
                _ = try await publishable.update(id: rows[0].id, RecordChanges(nome: "x"), actor: nil)
            } throws: { ($0 as? CatalogError)?.hint?.contains("row-level security") == true }
            // The secret key bypasses RLS: it sees the rows and gets no warning.
            #expect(try await secret.count(RecordQuery()) == 3)
            #expect(secretWarnings.all.isEmpty)
        }
    }

    @Test("a missing table maps PGRST205 to the catalog init hint; init prints the SQL to run")
    func missingTable() async throws {
        guard let server = TestServers.postgrest() else { return }
        let store = try PostgRESTCatalog(url: server.url, key: server.key, table: "t_nope_\(UUID().uuidString.prefix(6).lowercased())", transport: RecordingTransport())
        await #expect {
            _ = try await store.count(RecordQuery())
        } throws: { ($0 as? CatalogError)?.code == .tableMissing && ($0 as? CatalogError)?.serverCode == "PGRST205" }
        await #expect {
            try await store.initialize(withUsuarios: false)
        } throws: { e in
            guard let e = e as? CatalogError else { return false }
            return e.code == .schema && e.hint?.contains("CREATE TABLE") == true && e.hint?.contains("r2s_locks") == true
        }
    }

    @Test("lookups by many long urls stay under URL length limits")
    func longURLs() async throws {
        try await with { store, transport, _, _ in
            let urls = (0..<300).map { "https://cdn.example.com/pasta com espaço/ação/" + String(repeating: "ñ", count: 120) + "/\($0).pdf" }
            let stored = try await store.insert(urls.map { NewRecord(nome: "n", url: $0) })
            let found = try await store.records(urls: urls)
            #expect(Set(found.map(\.id)) == Set(stored.map(\.id)))
            #expect(transport.log.requests.allSatisfy { $0.url.utf8.count < 8000 })
        }
    }

    @Test("filter values are quoted per PostgREST rules and url-encoded")
    func quoting() async throws {
        try await with { store, transport, _, _ in
            let urls = ["https://c/a,b(1).pdf", "https://c/q\"x\\y.pdf", "https://c/100% off.pdf"]
            let stored = try await store.insert(urls.map { NewRecord(nome: "n", url: $0) })
            let found = try await store.records(urls: urls + ["https://c/none"])
            #expect(Set(found.map(\.id)) == Set(stored.map(\.id)))
            let last = try #require(transport.log.requests.last)
            #expect(last.url.contains("url=in.%28%22https%3A%2F%2Fc%2Fa%2Cb%281%29.pdf%22%2C"))
        }
    }
}
