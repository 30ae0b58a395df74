import BackendSupport
import Catalog
import CatalogPostgres
import Foundation
import ObjectStore
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Postgres
import R2SCore
import R2STestSupport
import Testing

/// `sync` on a catalog the app keeps writing to (issue 13), over PostgREST (1,000-row cap) and
/// direct Postgres: 22,100 rows, drift both ways, and a writer doing inserts, updates,
/// soft-deletes and hard-deletes at 60 writes/s for the whole run. Nothing is timed.
@Suite(.serialized) struct LiveSyncTests {
    /// The rows nobody but sync may change, and the keys of the drift.
    struct Seed {
        var addKeys: [String]
        var goneKeys: [String]
    }

    static let foreignBase = "https://other-cdn.example/x/"
    static var livePrefix: String { E2E.base + "/live/" }

    /// 3,000 objects with rows, 100 objects without, 100 rows without objects, 17,000 rows of
    /// another bucket (read, never touched) — all an hour old — and 2,000 rows the writer owns.
    static func seed(_ e: E2E, url: String) async throws -> Seed {
        let okKeys = (0..<3000).map { "ok/\($0).txt" }
        let addKeys = (0..<100).map { "add/\($0).txt" }
        let goneKeys = (0..<100).map { "gone/\($0).txt" }
        try await e.put(okKeys + addKeys)
        let t = "\"\(e.table)\"", type = RunnerMedia.type("a.txt"), old = "now() - interval '1 hour'"
        for (folder, n) in [("ok", 3000), ("gone", 100)] {
            try E2E.sql(
                url,
                """
                INSERT INTO \(t) (nome, url, content_type, size, created_at, updated_at)
                SELECT i || '.txt', '\(E2E.base)/\(folder)/' || i || '.txt', '\(type)', 3, \(old), \(old) FROM generate_series(0, \(n - 1)) i
                """)
        }
        try E2E.sql(
            url,
            """
            INSERT INTO \(t) (nome, url, content_type, size, created_at, updated_at)
            SELECT i || '.pdf', '\(foreignBase)' || i || '.pdf', 'application/pdf', i, \(old), \(old) FROM generate_series(1, 17000) i
            """)
        try E2E.sql(
            url,
            """
            INSERT INTO \(t) (nome, url, content_type, size, created_at, updated_at)
            SELECT 's' || i || '.bin', '\(livePrefix)s' || i || '.bin', 'application/octet-stream', i, now() + interval '1 hour', now() + interval '1 hour'
            FROM generate_series(1, 2000) i
            """)
        return Seed(addKeys: addKeys, goneKeys: goneKeys)
    }

    /// Runs `body` while the writer works on `live/` rows, stamped an hour ahead so they stay
    /// younger than any `--min-age` (the app's fresh uploads).
    static func whileWriting<T>(_ e: E2E, url: String, _ body: () async throws -> T) async throws -> (T, writes: Int) {
        let writer = LiveWriter(table: e.table, prefix: livePrefix, perSecond: 60, stamp: "now() + interval '1 hour'")
        writer.start {
            let c = try Postgres.Connection(url: url, applicationName: "r2s-test-writer")
            return { sql in _ = try c.execute(sql) }
        }
        return try await writer.around(body)
    }

    /// Rows sync may not touch, by id (everything but the writer's).
    static func others(_ url: String, _ table: String) async throws -> [UUID: CatalogRecord] {
        let rows = try await PostgresCatalog(url: url, table: table).allRecords(RecordQuery(deleted: .include))
        return Dictionary(uniqueKeysWithValues: rows.filter { !$0.url.hasPrefix(livePrefix) }.map { ($0.id, $0) })
    }

    @Test("sync under 60 writes/s changes exactly the drift and none of the writer's rows; a rerun is a no-op",
          arguments: [Backend.postgrest, .postgres])
    func syncWhileWriting(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            let url = try #require(e.pgURL)
            let seed = try await Self.seed(e, url: url)
            let before = try await Self.others(url, e.table)
            #expect(before.count == 20100)
            let syncStarted = Date()

            let (r, writes) = try await Self.whileWriting(e, url: url) { await e.shell().run("sync --min-age 0s --json --yes") }
            #expect(writes > 0)
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.out.contains("\"added\":100,\"removed\":100,\"restored\":0"), "\(r.out)")

            // Exactly the drift changed among the old rows.
            let after = try await Self.others(url, e.table)
            let goneURLs = Set(seed.goneKeys.map { e.mapping.url(for: $0) })
            for (id, old) in before {
                let now = try #require(after[id])
                if goneURLs.contains(old.url) {
                    #expect(old.deletedAt == nil && now.deletedAt != nil)
                } else {
                    #expect(now == old)
                }
            }
            let added = after.values.filter { before[$0.id] == nil }
            #expect(added.map(\.url).sorted() == seed.addKeys.map { e.mapping.url(for: $0) }.sorted())
            #expect(added.allSatisfy { $0.deletedAt == nil })

            // None of the writer's rows: sync added none under live/ and soft-deleted none (the
            // writer stamps its own changes an hour ahead; sync's would be "now").
            let live = try await PostgresCatalog(url: url, table: e.table).allRecords(RecordQuery(deleted: .include, urlPrefixes: [Self.livePrefix]))
            #expect(live.count > 0)
            #expect(live.allSatisfy { row in row.deletedAt.map { $0 > syncStarted.addingTimeInterval(1800) } ?? true })
            #expect(live.allSatisfy { row in (row.updatedAt ?? .distantFuture) > syncStarted.addingTimeInterval(1800) })

            // With the writer stopped, a second run has nothing to do.
            let again = await e.shell().run("sync --min-age 0s --json --yes")
            #expect(again.status == .ok, "\(again.err)")
            #expect(again.out.contains("\"added\":0,\"removed\":0,\"restored\":0"), "\(again.out)")
        }
    }

    @Test("a REST server that silently drops rows from its pages: exit 3 and nothing changed, while the app writes")
    func droppedRowsDuringSync() async throws {
        try await E2E.with(.postgrest) { e in
            let url = try #require(e.pgURL)
            _ = try await Self.seed(e, url: url)
            let before = try await Self.others(url, e.table)
            try await Self.configureSubset(["table": e.table, "drop_every": 97])
            let (r, _) = try await Self.whileWriting(e, url: url) { await e.shell().run("sync --min-age 0s --json --yes") }
            #expect(r.status == .config, "\(r.out) \(r.err)")
            #expect(r.err.contains("incomplete read") && r.err.contains("nothing was changed"), "\(r.err)")
            #expect(try await Self.others(url, e.table) == before)
        }
    }

    static func configureSubset(_ config: [String: Any]) async throws {
        let server = try #require(TestServers.postgrest())
        var r = URLRequest(url: URL(string: server.url + "/_subset/config")!)
        r.httpMethod = "POST"
        r.httpBody = try JSONSerialization.data(withJSONObject: config)
        _ = try await URLSession.shared.data(for: r)
    }
}
