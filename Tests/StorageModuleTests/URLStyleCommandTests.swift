import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// `R2S_URL_STYLE`, `catalog check`'s style report and `catalog normalize-urls` on real servers.
@Suite("url style commands")
struct URLStyleCommandTests {
    static let ref = "ficha:3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f"

    @Test("the defect: with r2s's fixed encoded spelling, the concatenating app's sync replaces r2s's row and loses its reference",
          arguments: Backend.allCases)
    func encodedLosesReference(backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let app = OriginalAppSync(base: StorageFixture.publicBase, getURL: .concatenation)
        try await AppCoexistenceTests.appUpload(f, app: app, key: "legado/Relatório 2023.pdf")
        let shell = AppCoexistenceTests.shell(f, values: ["R2S_URL_STYLE": "encoded"])
        let up = await shell.execute(["upload", try f.file("Relatório Anual 2024.pdf", "r"), "--to", "fichas", "--ref", Self.ref])
        #expect(up.status == .ok, "\(up.err)")
        let result = try await app.run(store: f.store, catalog: f.catalog)
        #expect(result == OriginalAppSync.Result(added: 1, removed: 1))
        let active = try await f.catalog.allRecords(RecordQuery(deleted: .exclude))
        #expect(active.allSatisfy { $0.referenciaId == nil })
    }

    @Test("auto without evidence writes encoded and says so once; raw is written as set; a bad value is exit 3")
    func explicitAndFallback() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        let shell = AppCoexistenceTests.shell(f)
        // `show` only compares with what would be written: the note waits for a write.
        #expect(!(await shell.execute(["show", "x/nothing.pdf"])).err.contains("writing encoded urls"))
        let first = await shell.execute(["upload", try f.file("a b.pdf", "a"), "--to", "x"])
        #expect(first.status == .ok)
        #expect(first.err.components(separatedBy: "writing encoded urls").count == 2, "\(first.err)")
        let second = await shell.execute(["upload", try f.file("plain.pdf", "p"), "--to", "x"])
        #expect(!second.err.contains("writing encoded urls"))
        #expect(try await f.rows().map(\.url).contains(StorageFixture.publicBase + "/x/a%20b.pdf"))

        let raw = AppCoexistenceTests.shell(f, values: ["R2S_URL_STYLE": "RAW"])
        #expect(await raw.execute(["upload", try f.file("c d.pdf", "c"), "--to", "x"]).status == .ok)
        #expect(try await f.rows().map(\.url).contains(StorageFixture.publicBase + "/x/c d.pdf"))
        let link = await raw.execute(["url", "x/c d.pdf"])
        #expect(link.out == StorageFixture.publicBase + "/x/c%20d.pdf\n")
        let shown = await raw.execute(["show", "x/c d.pdf"])
        #expect(shown.out.contains("url: " + StorageFixture.publicBase + "/x/c d.pdf") || shown.out.contains(StorageFixture.publicBase + "/x/c d.pdf\n"), "\(shown.out)")

        let bad = AppCoexistenceTests.shell(f, values: ["R2S_URL_STYLE": "percent"])
        let refused = await bad.execute(["upload", try f.file("e.pdf", "e"), "--to", "x"])
        #expect(refused.status == .config)
        #expect(refused.err.contains("R2S_URL_STYLE must be auto, raw or encoded"))
    }

    @Test("catalog check counts the styles and warns on a mix; normalize-urls fixes it, skips collisions, reruns cleanly",
          arguments: Backend.allCases)
    func checkAndNormalize(backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let base = StorageFixture.publicBase
        let rows = try await f.catalog.insert([
            NewRecord(nome: "a b.pdf", url: base + "/d/a b.pdf"),
            NewRecord(nome: "c d.pdf", url: base + "/d/c d.pdf"),
            NewRecord(nome: "é.pdf", url: base + "/d/%C3%A9.pdf"),
            NewRecord(nome: "x+y (1).pdf", url: base + "/d/x%2By%20%281%29.pdf"),
            // Two rows for one file, spelled both ways: normalizing one onto the other collides.
            NewRecord(nome: "dup z.pdf", url: base + "/d/dup z.pdf"),
            NewRecord(nome: "dup z.pdf", url: base + "/d/dup%20z.pdf"),
            NewRecord(nome: "plain.pdf", url: base + "/d/plain.pdf"),
        ])
        let shell = AppCoexistenceTests.shell(f)
        let check = await shell.execute(["catalog", "check", "--json"])
        #expect(check.status == .drift, "\(check.out)\(check.err)")
        #expect(check.out.contains("raw 3"), "\(check.out)")
        #expect(check.out.contains("encoded 3"), "\(check.out)")
        #expect(check.out.contains("catalog normalize-urls --to"))

        let dry = await shell.execute(["catalog", "normalize-urls", "--to", "raw", "--dry-run", "--json"])
        #expect(dry.status == .ok, "\(dry.err)")
        #expect(jsonRows(dry.out).count == 3)
        #expect(try await f.rows().map(\.url).sorted() == rows.map(\.url).sorted())

        let run = await shell.execute(["catalog", "normalize-urls", "--to", "raw", "--json"])
        #expect(run.status == .drift, "\(run.err)")
        let summary = json(run.out) as? [String: Any]
        #expect(summary?["rewritten"] as? Int == 2)
        #expect(summary?["skipped_collisions"] as? Int == 1)
        #expect(run.err.contains(rows[5].id.uuidString.lowercased()))
        let urls = Dictionary(uniqueKeysWithValues: try await f.rows().map { ($0.id, $0.url) })
        #expect(urls[rows[2].id] == base + "/d/é.pdf")
        #expect(urls[rows[3].id] == base + "/d/x+y (1).pdf")
        #expect(urls[rows[5].id] == base + "/d/dup%20z.pdf")
        #expect(urls[rows[0].id] == base + "/d/a b.pdf")

        // Rerun: only the collision is left; nothing else changes.
        let again = await shell.execute(["catalog", "normalize-urls", "--to", "raw", "--json"])
        #expect((json(again.out) as? [String: Any])?["rewritten"] as? Int == 0)
        #expect((json(again.out) as? [String: Any])?["to_rewrite"] as? Int == 1)

        // And back to encoded, scoped to a folder that holds nothing: nothing changes.
        let scoped = await shell.execute(["catalog", "normalize-urls", "--to", "encoded", "other/", "--json"])
        #expect((json(scoped.out) as? [String: Any])?["to_rewrite"] as? Int == 0)
        let back = await shell.execute(["catalog", "normalize-urls", "--to", "encoded", "d/", "--json"])
        #expect((json(back.out) as? [String: Any])?["rewritten"] as? Int == 4, "\(back.out)\(back.err)")
        let final = Dictionary(uniqueKeysWithValues: try await f.rows().map { ($0.id, $0.url) })
        #expect(final[rows[3].id] == base + "/d/x%2By%20%281%29.pdf")
        #expect(final[rows[2].id] == base + "/d/%C3%A9.pdf")
    }
}
