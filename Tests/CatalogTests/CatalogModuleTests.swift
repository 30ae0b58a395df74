import Catalog
import CatalogModule
import CatalogPostgres
import CatalogSQLite
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
}
