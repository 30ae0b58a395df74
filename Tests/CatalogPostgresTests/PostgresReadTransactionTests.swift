import BackendSupport
import Catalog
import CatalogPostgres
import Foundation
import Postgres
import R2STestSupport
import Testing

/// Issue 17: a full catalog read must not hold one transaction open for as long as it takes
/// (at 1M rows the cursor's `REPEATABLE READ` transaction stayed open 4.8–5.9 s, and a long
/// transaction holds back vacuum on the app's database). A read that passes its transaction
/// limit commits and goes on in a new transaction from the last id it returned.
@Suite struct PostgresReadTransactionTests {
    /// The fixture's server URL with an `application_name` of its own, so `pg_stat_activity`
    /// shows this reader's connections and no other suite's.
    static func named(_ url: String) -> (url: String, name: String) {
        let name = "r2s-read-\(UUID().uuidString.prefix(8).lowercased())"
        return (url + (url.contains("?") ? "&" : "?") + "application_name=\(name)", name)
    }

    /// Open transactions of connections named `name`, from another connection.
    static func openTransactions(_ admin: Postgres.Connection, _ name: String) throws -> Int {
        let r = try admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND xact_start IS NOT NULL", [name])
        return Int(r.string(0, 0) ?? "-1") ?? -1
    }

    @Test("past its limit a read commits after the page and continues in a new transaction: none stays open between pages")
    func boundedTransactions() async throws {
        try await StoreFixture.with(.postgres) { f in
            _ = try await f.store.insert(Rows.make(95))
            let (url, name) = Self.named(try #require(f.pgURL))
            let admin = try Postgres.Connection(url: try #require(f.pgURL))
            let store = try PostgresCatalog(url: url, table: f.table, readTransactionLimit: .zero)
            var ids: [UUID] = []
            var pages = 0
            for try await page in store.records(RecordQuery(pageSize: 10)) {
                ids += page.map(\.id)
                pages += 1
                #expect(try Self.openTransactions(admin, name) == 0, "page \(pages): the read's transaction was left open")
            }
            #expect(pages == 10)
            let all = try await f.store.allRecords(RecordQuery()).map(\.id)
            #expect(ids == all, "every row once, in id order, across the transactions")
        }
    }

    /// Reads 30 rows in pages of 10 through `store`, inserting after the first page a row whose
    /// id (`ffff…`) sorts after every id already read; returns what the read returned.
    static func readWithLateInsert(_ f: StoreFixture, _ store: PostgresCatalog) async throws -> [CatalogRecord] {
        _ = try await f.store.insert(Rows.make(30))
        var seen: [CatalogRecord] = []
        for try await page in store.records(RecordQuery(pageSize: 10)) {
            if seen.isEmpty {
                try f.sql(
                    """
                    INSERT INTO "\(f.table)" (id, nome, url) VALUES ('ffffffff-ffff-4fff-bfff-ffffffffffff', 'late.pdf', 'https://c/late.pdf')
                    """)
            }
            seen += page
        }
        return seen
    }

    @Test("a row that appears above the last id read is seen by the next transaction; none is read twice")
    func laterTransactionsSeeNewRows() async throws {
        try await StoreFixture.with(.postgres) { f in
            let store = try PostgresCatalog(url: try #require(f.pgURL), table: f.table, readTransactionLimit: .zero)
            let seen = try await Self.readWithLateInsert(f, store)
            #expect(seen.count == 31)
            #expect(seen.last?.url == "https://c/late.pdf")
            #expect(Set(seen.map(\.id)).count == seen.count)
        }
    }

    @Test("a read that ends within its limit is one transaction, one snapshot")
    func quickReadIsOneSnapshot() async throws {
        try await StoreFixture.with(.postgres) { f in
            // A limit no run reaches: with the default 2 s, a loaded CI machine (the insert's own
            // connection took seconds) let the limit end the first transaction and the read saw the row.
            let store = try PostgresCatalog(url: try #require(f.pgURL), table: f.table, readTransactionLimit: .seconds(3600))
            let seen = try await Self.readWithLateInsert(f, store)
            #expect(seen.count == 30, "the row inserted after the read began is not in its snapshot")
        }
    }
}
