import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import CloudflareQueues
import EventQueue
import Foundation
import HTTP
import ObjectStore
import Postgres
import R2SCore
import R2STestSupport
import S3
import Services
import SyncModule
import Testing

/// The loopback Queues double (Tests/Support/queues), driven through its test-only control endpoints.
struct QueueDouble: Sendable {
    let url: String
    let token: String
    let queueID: String
    let client: HTTPClient

    static func make() throws -> QueueDouble? {
        let env = ProcessInfo.processInfo.environment
        guard let url = env["R2S_TEST_QUEUES_URL"], let token = env["R2S_TEST_QUEUES_TOKEN"] else {
            if TestServers.required { Issue.record("test server missing: Queues double (R2S_TEST_QUEUES_URL) with R2S_REQUIRE_SERVERS=1") }
            return nil
        }
        let id = "q" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        return QueueDouble(url: url, token: token, queueID: String(id), client: try HTTPClient())
    }

    /// The settings a profile needs to pull from this queue (`token` overrides the right one).
    func settings(token: String? = nil) -> [String: String] {
        [
            "CLOUDFLARE_API_BASE": url + "/client/v4", "R2_ACCOUNT_ID": "0123abcd", "R2S_QUEUE_ID": queueID,
            "CLOUDFLARE_API_TOKEN": token ?? self.token,
        ]
    }

    func queue() throws -> CloudflareQueue {
        try CloudflareQueue(settings: QueueSettings(base: url + "/client/v4", accountID: "0123abcd", queueID: queueID, token: token))
    }

    @discardableResult
    func control(_ verb: String, _ doc: Any) async throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: doc)
        let r = try await client.send(HTTPRequest(method: "POST", url: "\(url)/_double/\(queueID)/\(verb)", body: .bytes(Array(body))))
        #expect(r.status == 200)
        return (try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any]) ?? [:]
    }

    /// Enqueues R2 event bodies, as R2 would (`json` content type).
    func send(_ events: [[String: Any]]) async throws {
        try await control("send", ["messages": events.map { ["body": $0, "content_type": "json"] }])
    }

    func send(raw bodies: [(body: String, type: String)]) async throws {
        try await control("send", ["messages": bodies.map { ["body": $0.body, "content_type": $0.type] }])
    }

    func stats() async throws -> [String: Int] {
        let r = try await client.send(HTTPRequest(method: "GET", url: "\(url)/_double/\(queueID)/stats"))
        return (try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Int]) ?? [:]
    }

    /// An R2 event notification body (developers.cloudflare.com/r2/buckets/event-notifications).
    static func event(_ action: String, bucket: String, key: String, size: Int? = 3) -> [String: Any] {
        var object: [String: Any] = ["key": key]
        if action.hasPrefix("Put") || action.hasPrefix("Copy") || action.hasPrefix("Complete") {
            object["size"] = size ?? 3
            object["eTag"] = "0cc175b9c0f1b6a831c399e269772661"
        }
        return [
            "account": "0123abcd", "action": action, "bucket": bucket, "object": object,
            "eventTime": "2026-12-03T10:00:00.000Z",
        ]
    }
}

/// A fresh SeaweedFS bucket, catalog and queue.
struct WatchFixture: Sendable {
    static let base = "https://cdn.watch-test.example"
    let store: S3Client
    let catalog: any CatalogStore
    let mapping = KeyMapping(publicBase: WatchFixture.base)
    let queue: QueueDouble
    /// The catalog table (on `pgURL`), for profiles built from settings (`ProfileServices`, a real process).
    let table: String
    let pgURL: String
    var bucket: String { store.configuration.bucket }

    /// `backend` is one of `Backend.seaweedFS` (watch reads a SeaweedFS bucket's events).
    static func with(_ backend: Backend, _ body: (WatchFixture) async throws -> Void) async throws {
        guard let s3 = TestServers.s3(), let pg = TestServers.postgres(), let queue = try QueueDouble.make() else { return }
        let table = "watch_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let name = "r2s-watch-\(UUID().uuidString.prefix(8))".lowercased()
        let store = try S3Client(configuration: try S3Configuration(settings: s3.settings(bucket: name)))
        try await store.createBucket(name)
        try await PostgresSetup.once(pg.url)
        let direct = try PostgresCatalog(url: pg.url, table: String(table))
        try await direct.initialize(withUsuarios: false)
        let catalog: any CatalogStore
        if backend.catalog == .postgrest {
            guard let rest = TestServers.postgrest() else { return }
            let transport = HTTPClientTransport(client: try HTTPClient(configuration: HTTPClient.Configuration()))
            catalog = try PostgRESTCatalog(url: rest.url, key: rest.key, table: String(table), transport: transport)
        } else {
            catalog = direct
        }
        var failure: (any Error)?
        do {
            try await body(WatchFixture(store: store, catalog: catalog, queue: queue, table: String(table), pgURL: pg.url))
        } catch {
            failure = error
        }
        if let keys = try? await store.listAll().map(\.key), !keys.isEmpty { _ = try? await store.delete(keys: keys) }
        try? await store.deleteBucket(name)
        _ = try? Postgres.Connection(url: pg.url).execute("DROP TABLE IF EXISTS \"\(table)\"")
        if let failure { throw failure }
    }

    /// A shell whose profile points at this bucket and queue.
    func shell(token: String? = nil, language: Language = .en, console: BufferConsole = BufferConsole()) -> TestShell {
        let module = SyncModule(
            services: FixedServices(store: store, catalog: catalog, mapping: mapping),
            queues: { try CloudflareQueue(settings: QueueSettings($0.profile)) },
            ignoredKey: { _ in { key in key.hasPrefix(".trash/") } })
        var values = queue.settings(token: token)
        values["R2_BUCKET"] = bucket
        return TestShell(
            modules: [module], language: language, profile: Profile(name: "watchtest", values: values, chosenBy: "test"),
            console: console)
    }

    func put(_ keys: [String], bytes: Int = 3) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-watch-obj-\(UUID().uuidString)").path
        try Data(repeating: 0x61, count: bytes).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        for key in keys { _ = try await store.upload(file, to: key, contentType: MediaTypes.type(forKey: key), progress: nil) }
    }

    func delete(_ keys: [String]) async throws { _ = try await store.delete(keys: keys) }

    @discardableResult
    func rows(_ keys: [String], size: Int64? = 3) async throws -> [CatalogRecord] {
        try await catalog.insert(keys.map {
            NewRecord(nome: String($0.split(separator: "/").last ?? ""), url: mapping.url(for: $0), contentType: MediaTypes.type(forKey: $0), size: size)
        })
    }

    /// Every row, as comparable text (url, size, type, deleted or not), sorted.
    func snapshot() async throws -> [String] {
        try await catalog.allRecords(RecordQuery(deleted: .include)).map {
            "\($0.url) \($0.size.map(String.init) ?? "-") \($0.contentType ?? "-") \($0.deletedAt == nil ? "active" : "deleted")"
        }.sorted()
    }

    func activeURLs() async throws -> [String] {
        try await catalog.allRecords(RecordQuery(deleted: .exclude)).map(\.url).sorted()
    }
}
