public import Catalog
public import CatalogPostgREST
import CatalogPostgres
import CatalogSQLite
public import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Postgres
import R2SCore
import SQLite
import R2STestSupport
public import Testing

/// The catalog stores the contract suite runs against: a new catalog backend is one more case
/// here (and its branch in `StoreFixture.with`), and every suite parameterized over
/// `StoreKind.allCases` runs against it.
public enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres, postgrest

    public var testDescription: String { rawValue }
}

/// A fresh, empty catalog of one kind (own file / own table), plus a way to open a second
/// store on the same catalog (lock contention) and to run raw SQL (Postgres kinds).
public struct StoreFixture: Sendable {
    public let kind: StoreKind
    public let store: any CatalogStore
    public let table: String
    public let sqlitePath: String?
    public let pgURL: String?

    public init(kind: StoreKind, store: any CatalogStore, table: String, sqlitePath: String?, pgURL: String?) {
        self.kind = kind
        self.store = store
        self.table = table
        self.sqlitePath = sqlitePath
        self.pgURL = pgURL
    }

    /// A second, independent store on the same catalog.
    public func reopen() throws -> any CatalogStore {
        switch kind {
        case .sqlite: try SQLiteCatalog(path: sqlitePath!, table: table)
        case .postgres: try PostgresCatalog(url: pgURL!, table: table)
        case .postgrest: try Self.postgrestStore(table: table, warnings: nil)!
        }
    }

    /// Adds a row to `usuarios` and returns its id (a valid `R2S_ACTOR`).
    public func addUser() throws -> UUID {
        let id = UUID()
        let sql = "INSERT INTO usuarios (id, nome) VALUES ('\(id.uuidString.lowercased())', 'bench')"
        if let sqlitePath {
            try SQLite.Database(path: sqlitePath).execute(sql)
        } else {
            try self.sql(sql)
        }
        return id
    }

    /// Runs SQL directly on the Postgres server (Postgres-backed kinds only).
    ///
    /// This blocks the calling thread, which in a test is one of Swift's two cooperative threads.
    /// A `DROP TABLE` waiting for a lock that a store's cleanup task still holds could then wait
    /// forever (that task needs a cooperative thread to run), so lock waits are bounded.
    public func sql(_ text: String) throws {
        guard let pgURL else { return }
        let c = try Postgres.Connection(url: pgURL)
        _ = try c.execute("SET lock_timeout = '3s'")
        _ = try c.execute(text)
    }

    /// Builds a fixture, runs `body`, and drops the table / file afterwards. Returns without
    /// running `body` when the kind's server is not configured (a recorded failure under
    /// R2S_REQUIRE_SERVERS=1).
    public static func with(_ kind: StoreKind, _ body: (StoreFixture) async throws -> Void) async throws {
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
            try await withPostgresTable(named: String(table), body)
        case .postgrest:
            guard let store = try postgrestStore(table: String(table), warnings: nil) else { return }
            try await withPostgresTable(named: String(table)) { direct in
                try await body(StoreFixture(kind: kind, store: store, table: direct.table, sqlitePath: nil, pgURL: direct.pgURL))
            }
        }
    }

    /// A PostgREST store on the subset server, or `nil` when it is not configured.
    public static func postgrestStore(
        table: String, transport: RecordingTransport = RecordingTransport(), warnings: WarningLog?
    ) throws -> PostgRESTCatalog? {
        guard let server = TestServers.postgrest() else { return nil }
        return try PostgRESTCatalog(
            url: server.url, key: server.key, table: table, transport: transport,
            warn: { text in warnings?.append(text.en) })
    }

    /// Tells the subset server to misbehave for one table (test-only control endpoint).
    public static func configureSubset(_ config: [String: Any]) async throws {
        guard let server = TestServers.postgrest() else { return }
        var r = URLRequest(url: URL(string: server.url + "/_subset/config")!)
        r.httpMethod = "POST"
        r.httpBody = try JSONSerialization.data(withJSONObject: config)
        _ = try await URLSession.shared.data(for: r)
    }
}

/// Warnings a store reported.
public final class WarningLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    public init() {}
    public func append(_ s: String) { lock.withLock { items.append(s) } }
    public var all: [String] { lock.withLock { items } }
}

/// Test data helpers.
public enum Rows {
    public static func make(_ n: Int, prefix: String = "https://cdn.example.com/fill/", type: String? = "application/pdf") -> [NewRecord] {
        (0..<n).map { i in
            NewRecord(nome: "arquivo \(i) ção.pdf", url: "\(prefix)\(i).pdf", contentType: type, size: Int64(i * 10))
        }
    }
}
