import Catalog
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
        while writer.counts.total < 5 { try await Task.sleep(for: .milliseconds(10)) }
        let before = writer.counts.total
        do {
            try await body()
        } catch {
            _ = try? await writer.stop()
            throw error
        }
        let during = writer.counts.total - before
        let final = try await writer.stop()
        #expect(final.failures == 0)
        return during
    }

    @Test("a full read under 60 writes/s returns every untouched row exactly once", arguments: [StoreKind.postgrest, .postgres])
    func readWhileWriting(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            try Self.seed(f)
            let direct = try PostgresCatalog(url: try #require(f.pgURL), table: f.table)
            let untouched = Set(try await direct.allRecords(RecordQuery(deleted: .include, urlPrefixes: [Self.oldPrefix])).map(\.id))
            #expect(untouched.count == 20000)

            var all: [CatalogRecord] = [], active: [CatalogRecord] = [], scoped: [CatalogRecord] = []
            let writes = try await Self.whileWriting(f) {
                all = try await f.store.allRecords(RecordQuery(deleted: .include))
                active = try await f.store.allRecords(RecordQuery(deleted: .exclude))
                scoped = try await f.store.allRecords(RecordQuery(deleted: .include, urlPrefixes: [Self.oldPrefix]))
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
