import BackendSupport
import Catalog
import CatalogPostgres
import Foundation
import R2STestSupport
import Testing

/// `urlHistogram`: PostgreSQL's own statistics of `url` (the parallel listing's first cuts,
/// docs/scale.md §1), read without reading a row.
@Suite struct PostgresURLHistogramTests {
    @Test("after ANALYZE: about 100 urls in byte order of the column, only under the asked prefixes; none before")
    func bounds() async throws {
        try await StoreFixture.with(.postgres) { f in
            try f.insertNumbered(5000, url: "CASE WHEN i % 4 = 0 THEN 'https://other/x/' ELSE 'https://c/docs/' END || lpad(i::text, 6, '0')")
            #expect(try await f.store.urlHistogram(RecordQuery()).isEmpty, "no statistics before ANALYZE")
            try f.sql(#"ANALYZE "\#(f.table)""#)
            let all = try await f.store.urlHistogram(RecordQuery())
            #expect(all.count > 50 && all.count <= 101, "\(all.count) bounds")
            let under = try await f.store.urlHistogram(RecordQuery(urlPrefixes: ["https://c/"]))
            #expect(!under.isEmpty && under.allSatisfy { $0.hasPrefix("https://c/docs/") })
            #expect(under.count < all.count)
            #expect(under == under.sorted(), "ASCII urls: the column's order is the byte order")
        }
    }
}

extension StoreFixture {
    /// Rows `1…n` made on the server (`nome` = i), each url the SQL expression `url` of `i`.
    func insertNumbered(_ n: Int, url: String) throws {
        try sql(#"INSERT INTO "\#(table)" (nome, url) SELECT i::text, \#(url) FROM generate_series(1, \#(n)) AS i"#)
    }
}
