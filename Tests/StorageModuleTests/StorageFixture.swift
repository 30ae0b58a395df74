import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import CatalogSQLite
import Foundation
import LocalStore
import ObjectStore
import Postgres
import R2SCore
import R2STestSupport
import S3
import Services
import StorageModule
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One test's world: a fresh bucket folder, a fresh catalog table, a temp folder for local
/// files, and a shell with the storage module registered.
final class StorageFixture: @unchecked Sendable {
    static let publicBase = "https://files.example.com"

    let backend: Backend
    let dir: URL
    let store: any ObjectStore
    let catalog: any CatalogStore
    let mapping = KeyMapping(publicBase: StorageFixture.publicBase)
    let table: String
    let pgURL: String?
    private var cleanups: [() -> Void] = []

    private init(
        backend: Backend, dir: URL, store: any ObjectStore, catalog: any CatalogStore, table: String, pgURL: String?
    ) {
        self.backend = backend
        self.dir = dir
        self.store = store
        self.catalog = catalog
        self.table = table
        self.pgURL = pgURL
    }

    /// Builds the fixture, or returns `nil` when the backend's servers are not configured (a
    /// recorded failure under R2S_REQUIRE_SERVERS=1).
    static func make(_ backend: Backend, sourceLocation: SourceLocation = #_sourceLocation) async throws -> StorageFixture? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-storage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("files"), withIntermediateDirectories: true)
        let table = "st_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let fixture: StorageFixture
        switch backend {
        case .local:
            let store = try LocalFolderStore(root: dir.appendingPathComponent("bucket").path)
            let catalog = try SQLiteCatalog(path: dir.appendingPathComponent("catalog.sqlite").path, table: String(table))
            try await catalog.initialize(withUsuarios: true)
            fixture = StorageFixture(backend: backend, dir: dir, store: store, catalog: catalog, table: String(table), pgURL: nil)
        case .postgres, .postgrest, .moto:
            let server = backend == .moto ? TestServers.moto(sourceLocation: sourceLocation) : nil
            guard let pg = TestServers.postgres(sourceLocation: sourceLocation), backend != .moto || server != nil,
                let store = try await s3Client(server: server, sourceLocation: sourceLocation)
            else { return nil }
            try await PostgresSetup.once(pg.url)
            try await PostgresCatalog(url: pg.url, table: String(table)).initialize(withUsuarios: false)
            let catalog: any CatalogStore
            if backend != .postgrest {
                catalog = try PostgresCatalog(url: pg.url, table: String(table))
            } else {
                guard let rest = TestServers.postgrest(sourceLocation: sourceLocation) else { return nil }
                catalog = try PostgRESTCatalog(url: rest.url, key: rest.key, table: String(table), transport: URLSessionTransport())
            }
            fixture = StorageFixture(backend: backend, dir: dir, store: store, catalog: catalog, table: String(table), pgURL: pg.url)
            // Dropped on a thread of its own: `deinit` runs on a concurrency thread, and a DROP
            // waiting for a lock held by a transaction that needs that thread to commit would
            // deadlock the pool. The lock timeout bounds it; a table left behind is harmless.
            fixture.cleanups.append {
                Thread.detachNewThread {
                    guard let c = try? Postgres.Connection(url: pg.url) else { return }
                    _ = try? c.execute("SET lock_timeout = '10s'")
                    _ = try? c.execute("DROP TABLE IF EXISTS \"\(table)\"")
                }
            }
        }
        return fixture
    }

    /// A client on the SeaweedFS test server (or `server`) with a fresh bucket of its own.
    static func s3Client(
        endpoint: String? = nil, server: TestServers.S3? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> S3Client? {
        guard let server = server ?? TestServers.s3(sourceLocation: sourceLocation) else { return nil }
        let bucket = "r2s-storage-\(UUID().uuidString.prefix(8))".lowercased()
        var settings = server.settings(bucket: bucket)
        if let endpoint { settings["R2_ENDPOINT"] = endpoint }
        var config = try S3Configuration(settings: settings)
        config.http.maxAttempts = 2
        config.http.retryBaseDelayMilliseconds = 10
        let client = try S3Client(configuration: config)
        try await client.createBucket(bucket)
        return client
    }

    deinit {
        for c in cleanups { c() }
        try? FileManager.default.removeItem(at: dir)
    }

    /// A shell with the storage module over these services.
    func shell(
        actor: String? = nil, console: BufferConsole = BufferConsole(), language: Language = .en,
        catalog override: (any CatalogStore)? = nil, store storeOverride: (any ObjectStore)? = nil,
        diagnostics: (clock: Date?, rls: Bool?) = (nil, nil)
    ) -> TestShell {
        let services = FixedServices(
            store: storeOverride ?? store, catalog: override ?? catalog, mapping: mapping, clock: diagnostics.clock,
            bypassesRLS: diagnostics.rls)
        var values: [String: String] = [:]
        if let actor { values["R2S_ACTOR"] = actor }
        let configDir = dir.appendingPathComponent("config").path
        return TestShell(
            modules: [StorageModule(services: services)], language: language,
            paths: Paths(config: configDir, state: dir.appendingPathComponent("state").path, data: dir.path),
            profile: Profile(name: "test", values: values), console: console)
    }

    /// Writes a local file under `files/` and returns its path.
    @discardableResult
    func file(_ name: String, _ contents: String) throws -> String {
        let url = dir.appendingPathComponent("files").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    var files: String { dir.appendingPathComponent("files").path }

    /// Every row of the catalog (active and deleted).
    func rows() async throws -> [CatalogRecord] {
        try await catalog.allRecords(RecordQuery(deleted: .include))
    }

    /// Every key in the bucket.
    func keys() async throws -> [String] {
        try await store.listAll().map(\.key)
    }

    /// Runs SQL on the Postgres server (Postgres-backed kinds only).
    func sql(_ text: String) throws {
        guard let pgURL else { return }
        _ = try Postgres.Connection(url: pgURL).execute(text)
    }
}

/// A PostgREST transport over URLSession (test-only; the production one is libcurl).
struct URLSessionTransport: PostgRESTTransport {
    func send(_ request: PostgRESTRequest) async throws -> PostgRESTResponse {
        var r = URLRequest(url: URL(string: request.url)!)
        r.httpMethod = request.method
        for (name, value) in request.headers { r.addValue(value, forHTTPHeaderField: name) }
        r.httpBody = request.body.map { Data($0) }
        let (data, response) = try await URLSession.shared.data(for: r)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
        return PostgRESTResponse(status: http.statusCode, headers: headers, body: Array(data))
    }
}

/// Parses a command's `--json` output.
func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Any? {
    guard let data = text.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data) else {
        Issue.record("not JSON: \(text.prefix(300))", sourceLocation: sourceLocation)
        return nil
    }
    return value
}

/// `--json` output that is an array of objects.
func jsonRows(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
    (json(text, sourceLocation: sourceLocation) as? [[String: Any]]) ?? []
}
