import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import SQLite
import Testing

/// `R2S_URL_STYLE=auto` on a big catalog: the evidence of the app's spelling may sit anywhere in
/// the table, after any number of plain ASCII rows.
@Suite("url style search")
struct URLStyleSearchTests {
    /// The largest uuid: the row that a read in id order reaches last.
    static let lastID = "ffffffff-ffff-4fff-bfff-ffffffffffff"

    /// Inserts `plain` plain-ASCII rows under the base and one row the app wrote raw (a space and
    /// an accent), then gives that row the largest id so that it sorts after every other row.
    static func bigCatalog(_ f: StorageFixture, plain: Int, evidence: String) async throws {
        let base = StorageFixture.publicBase
        for start in stride(from: 0, to: plain, by: 5000) {
            let rows = (start..<min(start + 5000, plain)).map { NewRecord(nome: "f\($0).pdf", url: base + "/bulk/f\($0).pdf") }
            _ = try await f.catalog.insert(rows)
        }
        let row = try await f.catalog.insert([NewRecord(nome: "app.pdf", url: base + "/" + evidence)])[0]
        let sql = "UPDATE \"\(f.table)\" SET id = '\(lastID)' WHERE id = '\(row.id.uuidString.lowercased())'"
        switch f.backend {
        case .local: try SQLite.Database(path: f.dir.appendingPathComponent("catalog.sqlite").path).execute(sql)
        case .postgres, .postgrest, .moto: try f.sql(sql)
        }
        let last = try await f.catalog.allRecords(RecordQuery(deleted: .exclude)).last
        #expect(last?.url == base + "/" + evidence, "the evidence row must be the last one in id order")
    }

    /// The one non-plain row after 25,000 plain ones, the file then uploaded to `fichas/`, and
    /// the url it must get: raw after a raw row, `+` for spaces after an encoded one.
    static let lastRowCases: [(evidence: String, file: String, written: String)] = [
        ("legado/Relatório 2023.pdf", "Relatório Anual 2024.pdf", "Relatório Anual 2024.pdf"),
        ("legado/Relat%C3%B3rio+2023.pdf", "a b.pdf", "a+b.pdf"),
    ]

    @Test("auto learns the spelling (raw, or encoded with + for spaces) of one row after 25,000 plain ones",
          arguments: Backend.allCases, lastRowCases)
    func spellingFromTheLastRow(backend: Backend, c: (evidence: String, file: String, written: String)) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try await Self.bigCatalog(f, plain: 25_000, evidence: c.evidence)
        let up = await AppCoexistenceTests.shell(f).execute(["upload", try f.file(c.file, "r"), "--to", "fichas"])
        #expect(up.status == .ok, "\(up.err)")
        #expect(!up.err.contains("writing encoded urls"), "\(up.err)")
        let urls = try await f.catalog.allRecords(RecordQuery(deleted: .exclude, urlPrefixes: [StorageFixture.publicBase + "/fichas/"]))
            .map(\.url)
        #expect(urls == [StorageFixture.publicBase + "/fichas/" + c.written])
    }
}
