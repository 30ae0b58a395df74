import BackendSupport
import Catalog
import CatalogPostgres
import Foundation
import Postgres
import R2SCore
import R2STestSupport
import Testing

@Suite struct PostgresCatalogTests {
    @Test("the holder of the lock is named in the refusal")
    func lockHolder() async throws {
        guard let pg = TestServers.postgres() else { return }
        let a = try PostgresCatalog(url: pg.url, table: "t_lock_holder")
        let b = try PostgresCatalog(url: pg.url, table: "t_lock_holder")
        let message = try await a.withSyncLock { () -> String in
            do { try await b.withSyncLock {}; return "" } catch let e as CatalogError { return e.userMessage }
        }
        #expect(message.contains("another sync is running on this catalog"))
        #expect(message.contains("pid \(getpid()) on \(LeaseHolder.hostName())") && message.contains("lease until"))
    }

    @Test("a wrong password is an authentication error that does not contain the password")
    func wrongPassword() async throws {
        guard let pg = TestServers.postgres() else { return }
        let bad = pg.url.replacingOccurrences(of: "r2stestpw", with: "WrongSecret123")
        let store = try PostgresCatalog(url: bad, table: "storage")
        #expect(!store.displayName.contains("WrongSecret123"))
        #expect(store.displayName.contains("postgres@127.0.0.1"))
        do {
            _ = try await store.count(RecordQuery())
            Issue.record("expected a failure")
        } catch let e as CatalogError {
            #expect(e.code == .authentication)
            #expect(e.exitStatus == .config)
            #expect(!e.userMessage.contains("WrongSecret123") && !(e.hint ?? "").contains("WrongSecret123"))
            #expect(!String(describing: e).contains("WrongSecret123"))
        }
    }

    @Test("a missing table is reported with the catalog init hint")
    func missingTable() async throws {
        guard let pg = TestServers.postgres() else { return }
        let store = try PostgresCatalog(url: pg.url, table: "t_missing_\(UUID().uuidString.prefix(6).lowercased())")
        await #expect {
            _ = try await store.count(RecordQuery())
        } throws: { ($0 as? CatalogError)?.code == .tableMissing && ($0 as? CatalogError)?.hint?.contains("catalog init") == true }
        #expect(try await store.checkSchema().tableExists == false)
    }

    @Test("a stream abandoned half-way releases its connection and the store keeps working")
    func abandonedStream() async throws {
        try await StoreFixture.with(.postgres) { f in
            _ = try await f.store.insert(Rows.make(2500))
            for _ in 0..<5 {
                for try await page in f.store.records(RecordQuery(pageSize: 100)) {
                    #expect(page.count == 100)
                    break
                }
            }
            #expect(try await f.store.count(RecordQuery()) == 2500)
            // Reads inside a transaction see the transaction's own writes.
            let seen = try await f.store.withTransaction { w -> Int in
                _ = try await w.insert(Rows.make(3, prefix: "https://c/tx/"))
                return try await f.store.allRecords(RecordQuery(urlPrefixes: ["https://c/tx/"])).count
            }
            #expect(seen == 3)
        }
    }
}

@Suite struct CatalogUnitTests {
    @Test("timestamps round-trip and parse the forms servers send")
    func timestamps() throws {
        let d = try #require(CatalogTimestamp.parse("2023-10-18T12:37:59.611+00:00"))
        #expect(CatalogTimestamp.format(d) == "2023-10-18T12:37:59.611000Z")
        #expect(CatalogTimestamp.parse("2023-10-18 09:37:59.611-03")?.timeIntervalSince1970 == d.timeIntervalSince1970)
        #expect(CatalogTimestamp.parse("2023-10-18T12:37:59.611Z") == d)
        #expect(CatalogTimestamp.parse("2024-02-29T00:00:00+05:30")?.timeIntervalSince1970 == 1_709_145_000)
        #expect(CatalogTimestamp.parse("1999-12-31T23:59:59.999999Z").map(CatalogTimestamp.format) == "1999-12-31T23:59:59.999999Z")
        #expect(CatalogTimestamp.parse("2023-13-01T00:00:00Z") == nil)
        #expect(CatalogTimestamp.parse("2023-10-18T12:37") == nil)
        #expect(CatalogTimestamp.parse("2023-10-18T12:37:59xyz") == nil)
        #expect(CatalogTimestamp.fromPostgresMicros(0).timeIntervalSince1970 == 946_684_800)
    }

    @Test("R2S_ACTOR must be a uuid when set")
    func actor() throws {
        #expect(try CatalogActor.parse(nil) == nil)
        #expect(try CatalogActor.parse("  ") == nil)
        #expect(try CatalogActor.parse("6F9619FF-8B86-D011-B42D-00C04FC964FF") == UUID(uuidString: "6f9619ff-8b86-d011-b42d-00c04fc964ff"))
        #expect(throws: CatalogError.self) { try CatalogActor.parse("admin") }
    }

    @Test("table names are validated")
    func tableNames() {
        #expect((try? CatalogTable("storage"))?.quoted == "\"storage\"")
        #expect(throws: CatalogError.self) { try CatalogTable("storage; drop table x") }
        #expect(throws: CatalogError.self) { try CatalogTable("1abc") }
        #expect(throws: CatalogError.self) { try CatalogTable("") }
    }

    @Test("LIKE and GLOB prefixes escape their wildcards")
    func patterns() {
        #expect(CatalogPattern.likePrefix("a_b%c\\d") == "a\\_b\\%c\\\\d%")
        #expect(CatalogPattern.globPrefix("a*b?c[d") == "a[*]b[?]c[[]d*")
    }

    @Test("INTEGER size caps at Int32.max and is reported with the BIGINT fix")
    func schemaCompare() throws {
        let table = try CatalogTable("storage")
        var live = Dictionary(uniqueKeysWithValues: CatalogSchema.columns.map { ($0.name, $0.postgresType) })
        var (findings, max) = CatalogSchema.compare(live: live, table: table)
        #expect(max == Int64(Int32.max))
        #expect(findings.map(\.fixSQL) == ["ALTER TABLE \"storage\" ALTER COLUMN size TYPE BIGINT;"])
        live["size"] = "bigint"
        live["url"] = nil
        live["nome"] = "integer"
        (findings, max) = CatalogSchema.compare(live: live, table: table)
        #expect(max == Int64.max)
        #expect(findings.map(\.message) == ["column nome has type integer, expected text", "column url is missing"])
    }
}

@Suite struct PostgresTargetTests {
    @Test("the target of a DATABASE_URL or conninfo names host, port and database only")
    func target() {
        #expect(PostgresCatalog.target(url: "postgres://app:pw@db.example.com:5432/files?sslmode=require", table: "storage")
            == CatalogTarget(kind: "postgres", location: "db.example.com:5432/files", table: "storage"))
        #expect(PostgresCatalog.target(url: "host=db.local port=6543 dbname=app user=u password=secretpw", table: "t").location
            == "db.local:6543/app")
        #expect(PostgresCatalog.target(url: "postgres:///files", table: "t").location == "localhost/files")
    }
}
