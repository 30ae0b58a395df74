import CatalogPostgres
import R2STestSupport
import Testing

extension StoreFixture {
    /// A fresh, empty table `table` on the test Postgres server, made over direct Postgres (the
    /// one way every Postgres-backed fixture gets its table: PostgREST cannot create tables),
    /// handed to `body` as a `.postgres` fixture and dropped afterwards. Returns without running
    /// `body` when the server is not configured (a recorded failure under R2S_REQUIRE_SERVERS=1).
    public static func withPostgresTable(named table: String, _ body: (StoreFixture) async throws -> Void) async throws {
        guard let pg = TestServers.postgres() else { return }
        try await PostgresSetup.once(pg.url)
        let store = try PostgresCatalog(url: pg.url, table: table)
        try await store.initialize(withUsuarios: false)
        let fixture = StoreFixture(kind: .postgres, store: store, table: table, sqlitePath: nil, pgURL: pg.url)
        defer { try? fixture.sql("DROP TABLE IF EXISTS \"\(table)\"") }
        try await body(fixture)
    }
}
