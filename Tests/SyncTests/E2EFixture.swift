import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import CatalogSQLite
import Foundation
import HTTP
import LocalStore
import Postgres
import ObjectStore
import R2SCore
import R2STestSupport
import S3
import Services
import Scope
import SyncEngine
import SyncModule
import Testing

/// A fresh bucket and catalog of one backend, with helpers to fill and inspect them.
struct E2E: Sendable {
    static let base = "https://cdn.sync-test.example"
    let backend: Backend
    let store: any ObjectStore
    let catalog: any CatalogStore
    let mapping = KeyMapping(publicBase: E2E.base)
    let pgURL: String?
    let table: String

    /// Builds the pair, runs `body`, cleans up. Returns without running `body` when the servers
    /// are not configured (a recorded failure under R2S_REQUIRE_SERVERS=1).
    static func with(_ backend: Backend, _ body: (E2E) async throws -> Void) async throws {
        let table = "sync_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        switch backend {
        case .local:
            let store = try LocalFolderStore(root: scratch.appendingPathComponent("bucket").path)
            let catalog = try SQLiteCatalog(path: scratch.appendingPathComponent("catalog.sqlite").path, table: String(table))
            try await catalog.initialize(withUsuarios: false)
            try await body(E2E(backend: backend, store: store, catalog: catalog, pgURL: nil, table: String(table)))
        case .postgres, .postgrest, .moto:
            guard let s3 = backend == .moto ? TestServers.moto() : TestServers.s3(),
                let pg = TestServers.postgres()
            else { return }
            let store = try await Self.bucket(s3)
            try await PostgresSetup.once(pg.url)
            try await PostgresCatalog(url: pg.url, table: String(table)).initialize(withUsuarios: false)
            defer { try? Self.sql(pg.url, "DROP TABLE IF EXISTS \"\(table)\"") }
            let catalog: any CatalogStore
            if backend == .postgrest {
                guard let rest = TestServers.postgrest() else { return }
                let transport = HTTPClientTransport(client: try HTTPClient(configuration: HTTPClient.Configuration()))
                catalog = try PostgRESTCatalog(url: rest.url, key: rest.key, table: String(table), transport: transport)
            } else {
                catalog = try PostgresCatalog(url: pg.url, table: String(table))
            }
            // Each bucket is a SeaweedFS collection holding volume slots: drop it afterwards, or a
            // long test run exhausts the server ("no free volumes").
            var failure: (any Error)?
            do {
                try await body(E2E(backend: backend, store: store, catalog: catalog, pgURL: pg.url, table: String(table)))
            } catch {
                failure = error
            }
            await Self.drop(store)
            if let failure { throw failure }
        }
    }

    /// Empties and deletes a test bucket (best effort).
    static func drop(_ client: S3Client) async {
        if let keys = try? await client.listAll().map(\.key), !keys.isEmpty {
            _ = try? await client.delete(keys: keys)
        }
        try? await client.deleteBucket(client.configuration.bucket)
    }

    /// A client on a new bucket of the SeaweedFS server.
    static func bucket(_ s3: TestServers.S3, tune: (inout S3Configuration) -> Void = { _ in }) async throws -> S3Client {
        try await bucket(
            endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, region: s3.region, tune: tune)
    }

    static func bucket(
        endpoint: String, accessKey: String, secretKey: String, region: String = "auto",
        tune: (inout S3Configuration) -> Void = { _ in }
    ) async throws -> S3Client {
        let name = "r2s-sync-\(UUID().uuidString.prefix(8))".lowercased()
        var config = try S3Configuration(settings: [
            "R2_ENDPOINT": endpoint, "R2_BUCKET": name, "R2_ACCESS_KEY_ID": accessKey, "R2_SECRET_ACCESS_KEY": secretKey,
            "R2_REGION": region,
        ])
        tune(&config)
        let client = try S3Client(configuration: config)
        try await client.createBucket(name)
        return client
    }

    static func sql(_ url: String, _ text: String) throws {
        let c = try Postgres.Connection(url: url)
        _ = try c.execute(text)
    }

    /// Uploads small objects (16 at a time).
    func put(_ keys: [String], bytes: Int = 3) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-obj-\(UUID().uuidString)").path
        try Data(repeating: 0x61, count: bytes).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let store = self.store
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = keys.makeIterator()
            func launch() {
                guard let key = next.next() else { return }
                group.addTask {
                    _ = try await store.upload(file, to: key, contentType: RunnerMedia.type(key), progress: nil)
                }
            }
            for _ in 0..<16 { launch() }
            while try await group.next() != nil { launch() }
        }
    }

    /// Inserts rows with the encoded url (or `raw: true`: base + "/" + key unencoded, as the original app wrote them).
    @discardableResult
    func rows(_ keys: [String], raw: Bool = false, size: Int64? = 3, type: String? = nil) async throws -> [CatalogRecord] {
        let new = keys.map { key in
            NewRecord(
                nome: String(key.split(separator: "/").last ?? ""), url: raw ? E2E.base + "/" + key : mapping.url(for: key),
                contentType: type ?? RunnerMedia.type(key), size: size)
        }
        var out: [CatalogRecord] = []
        for batch in stride(from: 0, to: new.count, by: 1000) {
            out += try await catalog.insert(Array(new[batch..<min(batch + 1000, new.count)]))
        }
        return out
    }

    /// Every row (active and deleted).
    func allRows() async throws -> [CatalogRecord] { try await catalog.allRecords(RecordQuery(deleted: .include)) }
    /// Urls of the active rows, sorted.
    func activeURLs() async throws -> [String] {
        try await catalog.allRecords(RecordQuery(deleted: .exclude)).map(\.url).sorted()
    }

    /// A shell whose sync module works on this pair.
    func shell(_ language: Language = .en) -> TestShell {
        TestShell(modules: [SyncModule(services: FixedServices(store: store, catalog: catalog, mapping: mapping))], language: language)
    }

    /// The engine directly (for hooks into its events).
    func engine(scope: Scope = testScope()) -> SyncEngine {
        SyncEngine(objectStore: store, catalog: catalog, mapping: mapping, scope: scope)
    }
}

enum RunnerMedia {
    static func type(_ key: String) -> String { MediaTypes.type(forKey: key) }
}

extension E2E {
    /// Runs one command through the dispatcher with a console and config directory of the test's
    /// choosing (TTY confirmations, named filters), returning its status.
    func dispatch(_ argv: [String], console: BufferConsole, configDirectory: String = "/nonexistent/config") async -> R2SCore.ExitStatus {
        let registry = CommandRegistry(
            modules: [CoreModule(), SyncModule(services: FixedServices(store: store, catalog: catalog, mapping: mapping))],
            reservedWords: Interpreter.reservedWords)
        let session = Session(
            profile: Profile(name: Profile.localName), environment: [:],
            paths: Paths(config: configDirectory, state: "/nonexistent/state", data: "/nonexistent/data"), language: .en)
        let context = ShellContext(console: console, session: session, registry: registry)
        return await Dispatcher(registry: registry).execute(argv, in: context)
    }
}
