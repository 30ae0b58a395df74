import BackendSupport
import Catalog
import CatalogModule
import CatalogPostgres
import CatalogSQLite
import Postgres
import Foundation
import R2SCore
import R2STestSupport
import Testing

@Suite struct CatalogModuleTests {
    func tempPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("r2s-mod-\(UUID().uuidString)/c.sqlite").path
    }

    @Test("catalog init creates the table once and then refuses with exit 4")
    func initRefusesExisting() async throws {
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let shell = TestShell(modules: [CatalogModule(catalog: { _ in try SQLiteCatalog(path: path) })])
        let first = await shell.run("catalog init")
        #expect(first.status == .ok, "\(first.err)")
        #expect(first.out.contains("created:"))
        let second = await shell.run("catalog init")
        #expect(second.status == .refused)
        #expect(second.err.contains("table 'storage' already exists"))
        let check = await shell.run("catalog check")
        #expect(check.status == .ok, "\(check.out)\(check.err)")
    }

    @Test("catalog check on an INTEGER size prints the BIGINT fix, a missing url index and foreign urls; exit 6")
    func checkFindsDrift() async throws {
        guard let pg = TestServers.postgres() else { return }
        try await PostgresSetup.once(pg.url)
        let table = "t_mod_" + UUID().uuidString.prefix(8).lowercased()
        let store = try PostgresCatalog(url: pg.url, table: table)
        try await store.initialize(withUsuarios: false)
        let fixture = StoreFixture(kind: .postgres, store: store, table: table, sqlitePath: nil, pgURL: pg.url)
        defer { try? fixture.sql("DROP TABLE IF EXISTS \"\(table)\"") }
        try fixture.sql("DROP INDEX \"\(table)_url_idx\"")
        _ = try await store.insert(
            Rows.make(1200, prefix: "https://cdn.example.com/a/") + [NewRecord(nome: "x", url: "https://old.example.com/x.pdf")])
        let shell = TestShell(modules: [CatalogModule(catalog: { _ in store })])
        let result = await shell.run("catalog check --public-url https://cdn.example.com/")
        #expect(result.status == .drift)
        #expect(result.out.contains("ALTER TABLE \"\(table)\" ALTER COLUMN size TYPE BIGINT;"))
        #expect(result.out.contains("CREATE INDEX \"\(table)_url_idx\" ON \"\(table)\" (url text_pattern_ops);"))
        #expect(result.out.contains("1 active rows have a url not under https://cdn.example.com/ (e.g. https://old.example.com/x.pdf)"))

        try fixture.sql("ALTER TABLE \"\(table)\" ALTER COLUMN size TYPE BIGINT")
        try fixture.sql(CatalogSchema.urlIndexSQL(try CatalogTable(table)))
        let json = await shell.run("catalog check --json")
        #expect(json.status == .ok, "\(json.out)")
        #expect(json.out.hasPrefix("["))
        #expect(try await PostgresCatalog(url: pg.url, table: table).checkSchema().maxSize == Int64.max)
    }

    @Test("catalog check reports a missing r2s_locks; catalog init refuses and points to --upgrade, which adds it and the url index, keeping every row")
    func upgradeAddsWhatIsMissing() async throws {
        guard let pg = TestServers.postgres() else { return }
        // r2s_locks is shared by every test in the main database: this one gets a database of its own.
        let db = "r2s_upgrade_" + UUID().uuidString.prefix(8).lowercased()
        _ = try Postgres.Connection(url: pg.url).execute("CREATE DATABASE \(db)")
        defer { _ = try? Postgres.Connection(url: pg.url).execute("DROP DATABASE IF EXISTS \(db) WITH (FORCE)") }
        #expect(pg.url.hasSuffix("/postgres"))
        let url = String(pg.url.dropLast("postgres".count)) + db
        let store = try PostgresCatalog(url: url)
        try await store.initialize(withUsuarios: true)
        _ = try await store.insert(Rows.make(5))
        _ = try Postgres.Connection(url: url).execute("DROP TABLE r2s_locks")
        _ = try Postgres.Connection(url: url).execute("DROP INDEX storage_url_idx")
        let shell = TestShell(modules: [CatalogModule(catalog: { _ in store })])

        let check = await shell.run("catalog check")
        #expect(check.status == .drift)
        #expect(check.out.contains("table r2s_locks does not exist"), "\(check.out)")
        let refused = await shell.run("catalog init")
        #expect(refused.status == .refused)
        #expect(refused.err.contains("catalog init --upgrade"))
        let upgraded = await shell.run("catalog init --upgrade --json")
        #expect(upgraded.status == .ok, "\(upgraded.err)")
        #expect(upgraded.out.contains("CREATE TABLE IF NOT EXISTS r2s_locks") && upgraded.out.contains("CREATE INDEX"), "\(upgraded.out)")
        let again = await shell.run("catalog init --upgrade")
        #expect(again.status == .ok && again.err.contains("nothing to upgrade"), "\(again.out)\(again.err)")
        let after = await shell.run("catalog check")
        #expect(!after.out.contains("r2s_locks") && !after.out.contains("no index on url"), "\(after.out)")
        #expect(try await store.count(RecordQuery()) == 5)
    }
}
