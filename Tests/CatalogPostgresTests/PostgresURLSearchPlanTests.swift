import BackendSupport
import Catalog
@testable import CatalogPostgres
import Foundation
import Postgres
import R2STestSupport
import Testing

/// `R2S_URL_STYLE=auto` runs the evidence search (`records(matching:)`) before every sync; on a
/// catalog of plain keys nothing matches. The planner took the `strpos … OR …` filter to keep
/// nearly every row and answered `ORDER BY id LIMIT n` by walking the primary key through the
/// whole table (3× a sequential scan at 100k rows). The plan, not a time, is what is checked.
@Suite struct PostgresURLSearchPlanTests {
    @Test("the evidence search scans and sorts only its matches; it does not walk the primary key")
    func noPrimaryKeyWalk() async throws {
        try await StoreFixture.with(.postgres) { f in
            try f.insertNumbered(20000, url: "'https://c/docs/' || lpad(i::text, 6, '0')")
            try f.sql(#"ANALYZE "\#(f.table)""#)
            let search = URLSearch(
                scope: RecordQuery(deleted: .exclude, urlPrefixes: ["https://c/"]), substrings: ["%", " ", "{"],
                outsidePrintableASCII: true, limit: 1000)
            let (sql, parameters) = PostgresCatalog.matchingSQL(search, table: "\"\(f.table)\"")
            let admin = try Postgres.Connection(url: try #require(f.pgURL))
            let plan = try admin.execute("EXPLAIN " + sql, parameters)
            let text = (0..<plan.rowCount).compactMap { plan.string($0, 0) }.joined(separator: "\n")
            #expect(!text.contains("Index Scan"), "the search walks an index:\n\(text)")
            #expect(text.contains("Seq Scan"), "\(text)")
            // And it still answers: one row with a space, among the plain ones.
            try f.sql(#"INSERT INTO "\#(f.table)" (nome, url) VALUES ('a b', 'https://c/docs/a b.pdf')"#)
            let found = try await f.store.records(matching: search)
            #expect(found.map(\.nome) == ["a b"])
        }
    }
}
