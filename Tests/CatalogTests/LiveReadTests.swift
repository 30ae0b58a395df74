import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import Foundation
import Postgres
import R2SCore
import R2STestSupport
import Testing

/// Full reads of a catalog the app keeps writing to (issue 13): 20,000 rows, and a writer doing
/// inserts, updates, soft-deletes and hard-deletes at 60 writes/s on its own rows the whole time.
/// Every row the writer does not own must come back exactly once; nothing is timed.
@Suite struct LiveReadTests {
    static let oldPrefix = "https://cdn.example.com/old/"
    static let livePrefix = "https://cdn.example.com/live/"

    /// 20,000 rows nobody touches plus 2,000 the writer owns, inserted straight over SQL.
    static func seed(_ f: StoreFixture) throws {
        try f.sql(
            """
            INSERT INTO "\(f.table)" (nome, url, content_type, size)
            SELECT 'f' || i || '.pdf', '\(oldPrefix)' || i || '.pdf', 'application/pdf', i FROM generate_series(1, 20000) i
            """)
        try f.sql(
            """
            INSERT INTO "\(f.table)" (nome, url, content_type, size)
            SELECT 'w' || i || '.bin', '\(livePrefix)seed' || i || '.bin', 'application/octet-stream', i FROM generate_series(1, 2000) i
            """)
    }

    /// Runs `body` while a writer changes the fixture's live rows; returns the writes made
    /// during `body`.
    static func whileWriting(_ f: StoreFixture, _ body: () async throws -> Void) async throws -> Int {
        let writer = LiveWriter(table: f.table, prefix: livePrefix, perSecond: 60)
        let url = try #require(f.pgURL)
        writer.start {
            let c = try Postgres.Connection(url: url, applicationName: "r2s-test-writer")
            return { sql in _ = try c.execute(sql) }
        }
        // The writer is busy before the read starts, and still busy when it ends.
        return try await writer.around(body).writes
    }

    @Test("a full read under 60 writes/s returns every untouched row exactly once", arguments: [StoreKind.postgrest, .postgres])
    func readWhileWriting(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in try await Self.readsWhileWriting(f, store: f.store) }
    }

    /// Direct Postgres commits a read's transaction once it has been open `readTransactionLimit`
    /// and goes on from the last id (issue 17); with a limit of zero every page is a transaction
    /// of its own, one snapshot each, as over PostgREST.
    @Test("direct Postgres reading every page in a transaction of its own under 60 writes/s: every untouched row exactly once")
    func shortTransactionsWhileWriting() async throws {
        try await StoreFixture.with(.postgres) { f in
            let paged = try PostgresCatalog(url: try #require(f.pgURL), table: f.table, readTransactionLimit: .zero)
            try await Self.readsWhileWriting(f, store: paged)
        }
    }

    /// Seeds `f`, then reads it through `store` three ways while the writer runs.
    static func readsWhileWriting(_ f: StoreFixture, store: any CatalogStore) async throws {
        try Self.seed(f)
        let direct = try PostgresCatalog(url: try #require(f.pgURL), table: f.table)
        let untouched = Set(try await direct.allRecords(RecordQuery(deleted: .include, urlPrefixes: [Self.oldPrefix])).map(\.id))
        #expect(untouched.count == 20000)

        var all: [CatalogRecord] = [], active: [CatalogRecord] = [], scoped: [CatalogRecord] = []
        let writes = try await Self.whileWriting(f) {
            all = try await store.allRecords(RecordQuery(deleted: .include))
            active = try await store.allRecords(RecordQuery(deleted: .exclude))
            scoped = try await store.allRecords(RecordQuery(deleted: .include, urlPrefixes: [Self.oldPrefix]))
        }
        #expect(writes > 0)
        for rows in [all, active, scoped] {
            let ids = rows.map { $0.id.uuidString.lowercased() }
            #expect(ids == ids.sorted() && Set(ids).count == ids.count, "ids in order, none twice")
            #expect(Set(rows.filter { $0.url.hasPrefix(Self.oldPrefix) }.map(\.id)) == untouched)
        }
        #expect(scoped.count == 20000)
        #expect(active.allSatisfy { $0.deletedAt == nil })
    }
}

extension LiveReadTests {
    @Test("a server that silently drops rows from its pages is still caught while the app writes")
    func droppedRows() async throws {
        try await StoreFixture.with(.postgrest) { f in
            try Self.seed(f)
            // Every 97th row of each response vanishes; Content-Range describes what was sent.
            try await StoreFixture.configureSubset(["table": f.table, "drop_every": 97])
            _ = try await Self.whileWriting(f) {
                for query in [RecordQuery(deleted: .include), RecordQuery(deleted: .exclude, urlPrefixes: [Self.oldPrefix])] {
                    await #expect {
                        _ = try await f.store.allRecords(query)
                    } throws: { ($0 as? CatalogError)?.code == .incompleteRead }
                }
            }
        }
    }
}

extension LiveReadTests {
    @Test("ids bunched at the ends of the uuid space and a 300-row cap: every row once, in order, O(N/page) requests")
    func skewedIdsAndLowCap() async throws {
        guard TestServers.postgrest() != nil else { return }
        try await StoreFixture.withPostgresTable(named: "t_skew_" + UUID().uuidString.prefix(8).lowercased()) { f in
            let table = f.table
            // 2,000 sequential ids near zero (the nil uuid included), 2,000 random, 50 at the very top
            // (the max uuid included): widths learned on one stretch are wrong for the next.
            try f.sql(
                """
                INSERT INTO "\(table)" (id, nome, url)
                SELECT ('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid, 'a', 'https://cdn.example.com/a/' || i FROM generate_series(0, 1999) i
                UNION ALL SELECT uuid_generate_v4(), 'b', 'https://cdn.example.com/b/' || i FROM generate_series(0, 1999) i
                UNION ALL SELECT ('ffffffff-ffff-ffff-ffff-' || lpad(to_hex(281474976710655 - i), 12, '0'))::uuid, 'c', 'https://cdn.example.com/c/' || i FROM generate_series(0, 49) i
                """)
            let expected = try await f.store.allRecords(RecordQuery(deleted: .include)).map(\.id)
            #expect(expected.count == 4050)
            try await StoreFixture.configureSubset(["table": table, "max_rows": 300])
            let transport = RecordingTransport()
            let store = try #require(try StoreFixture.postgrestStore(table: table, transport: transport, warnings: nil))
            let read = try await store.allRecords(RecordQuery(deleted: .include)).map(\.id)
            #expect(read == expected)
            // A fixed multiple of N/300 pages: narrowing and learning never degenerate into tiny ranges.
            let gets = transport.log.requests.filter { $0.method == "GET" }.count
            #expect(gets <= 4 * (4050 / 300 + 1), "\(gets) requests")
        }
    }
}
