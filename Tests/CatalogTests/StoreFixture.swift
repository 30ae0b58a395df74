import Catalog
import CatalogPostgres
import CatalogSQLite
import Foundation
import Postgres
import R2STestSupport
import Testing

/// The stores the contract suite runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }
}

/// A fresh, empty catalog of one kind (own file / own table), plus a way to open a second
/// store on the same catalog (lock contention) and to run raw SQL (Postgres kinds).
struct StoreFixture: Sendable {
    let kind: StoreKind
    let store: any CatalogStore
    let table: String
    let sqlitePath: String?
    let pgURL: String?

    /// A second, independent store on the same catalog.
    func reopen() throws -> any CatalogStore {
        switch kind {
        case .sqlite: try SQLiteCatalog(path: sqlitePath!, table: table)
        case .postgres: try PostgresCatalog(url: pgURL!, table: table)
        }
    }

    /// Runs SQL directly on the Postgres server (Postgres-backed kinds only).
    func sql(_ text: String) throws {
        guard let pgURL else { return }
        let c = try Postgres.Connection(url: pgURL)
        _ = try c.execute(text)
    }

    /// Builds a fixture, runs `body`, and drops the table / file afterwards. Returns without
    /// running `body` when the kind's server is not configured (a recorded failure under
    /// R2S_REQUIRE_SERVERS=1).
    static func with(_ kind: StoreKind, _ body: (StoreFixture) async throws -> Void) async throws {
        let table = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch kind {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-cat-\(UUID().uuidString)")
            let path = dir.appendingPathComponent("catalog.sqlite").path
            defer { try? FileManager.default.removeItem(at: dir) }
            let store = try SQLiteCatalog(path: path, table: String(table))
            try await store.initialize(withUsuarios: true)
            try await body(StoreFixture(kind: kind, store: store, table: String(table), sqlitePath: path, pgURL: nil))
        case .postgres:
            guard let pg = TestServers.postgres() else { return }
            try await PostgresSetup.once(pg.url)
            let store = try PostgresCatalog(url: pg.url, table: String(table))
            try await store.initialize(withUsuarios: false)
            let fixture = StoreFixture(kind: kind, store: store, table: String(table), sqlitePath: nil, pgURL: pg.url)
            defer { try? fixture.sql("DROP TABLE IF EXISTS \"\(table)\"") }
            try await body(fixture)
        }
    }
}

/// Creates `uuid-ossp` and `usuarios` once per test process (concurrent CREATE EXTENSION IF NOT
/// EXISTS can race on the catalog's unique index).
actor PostgresSetup {
    static let shared = PostgresSetup()
    private var done = false

    static func once(_ url: String) async throws { try await shared.run(url) }

    private func run(_ url: String) throws {
        guard !done else { return }
        let c = try Postgres.Connection(url: url)
        _ = try c.execute("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"")
        _ = try c.execute("CREATE TABLE IF NOT EXISTS usuarios (id UUID PRIMARY KEY DEFAULT uuid_generate_v4(), nome TEXT, email TEXT UNIQUE)")
        done = true
    }
}

/// Test data helpers.
enum Rows {
    static func make(_ n: Int, prefix: String = "https://cdn.example.com/fill/", type: String? = "application/pdf") -> [NewRecord] {
        (0..<n).map { i in
            NewRecord(nome: "arquivo \(i) ção.pdf", url: "\(prefix)\(i).pdf", contentType: type, size: Int64(i * 10))
        }
    }
}
