import BackendSupport
import Foundation
import Postgres
import R2SCore
import R2STestSupport
import Testing

/// Rows that `upload` inserts on direct Postgres get time-ordered ids, so a batch lands at the
/// primary key's right edge and the cost of an insert does not grow with the catalog (issue 16:
/// the same upload into a 1,000,000-row catalog within 1.2 × an empty one). With random ids the
/// 500 rows of a batch touched about 500 leaf pages of a 1M-entry index.
@Suite struct RowIDOrderTests {
    @Test("every row of a later upload has a greater id (Postgres's uuid order) than every row of an earlier one")
    func laterUploadsGetGreaterIDs() async throws {
        guard let f = try await StorageFixture.make(.postgres), let url = f.pgURL else { return }
        for folder in ["first", "second"] {
            for i in 1...20 { try f.file("\(folder)/f\(i).txt", "\(folder) \(i)") }
            let r = await f.shell().execute(["upload", "-r", f.files + "/" + folder, "--batch", "7"])
            #expect(r.status == .ok, "\(r.err)")
        }
        let result = try Postgres.Connection(url: url).execute(
            "SELECT NOT EXISTS (SELECT 1 FROM \"\(f.table)\" a, \"\(f.table)\" b"
                + " WHERE a.url LIKE '%/first/%' AND b.url LIKE '%/second/%' AND a.id >= b.id),"
                + " (SELECT count(*) FROM \"\(f.table)\")")
        // With random (v4) ids this holds for 20 + 20 rows about once in 10^11 runs.
        #expect(result.string(0, 0) == "t")
        #expect(result.string(0, 1) == "40")
    }
}
