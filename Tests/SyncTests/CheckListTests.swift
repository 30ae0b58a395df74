import BackendSupport
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import SyncEngine
import SyncModule
import Testing

/// `check --list`: the items behind the counts, selected, sorted, in every format. The shipped
/// `orphans` plugin (`check --list orphans`) runs against the real servers in ShippedExamplesTests.
@Suite struct CheckListTests {
    let store = FakeObjectStore()
    let catalog = FakeCatalog()
    let mapping = TestMapping.make()

    func shell() -> TestShell {
        TestShell(modules: [SyncModule(services: FixedServices(store: store, catalog: catalog, mapping: KeyMapping(publicBase: TestMapping.base)))])
    }

    /// a.pdf agrees; b.pdf and z.pdf have no row; gone.pdf has no file; big.pdf's sizes differ.
    func drift() {
        for key in ["fichas/a.pdf", "fichas/z.pdf", "fichas/b.pdf"] { store.put(key) }
        store.put("fichas/big.pdf", size: 99)
        catalog.add(mapping.url(for: "fichas/a.pdf"))
        catalog.add(mapping.url(for: "fichas/gone.pdf"))
        catalog.add(mapping.url(for: "fichas/big.pdf"), size: 10)
    }

    func items(_ out: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]], "not a JSON array: \(out)")
    }

    @Test("--list missing-rows --json: only the files without a row, sorted by key, one JSON array; exit 6")
    func missingRows() async throws {
        drift()
        let r = await shell().run("check --list missing-rows --json")
        #expect(r.status == .drift, "\(r.err)")
        let list = try items(r.out)
        #expect(list.map { $0["key"] as? String } == ["fichas/b.pdf", "fichas/z.pdf"])
        #expect(list.allSatisfy { $0["issue"] as? String == "missing-row" && $0["kind"] as? String == "add" })
        #expect(list.first?["url"] as? String == "https://cdn.example.com/fichas/b.pdf")
    }

    @Test("--list missing-objects and mismatched; a comma list is the union")
    func otherSelections() async throws {
        drift()
        let gone = try items(await shell().run("check --list missing-objects --json").out)
        #expect(gone.map { $0["url"] as? String } == ["https://cdn.example.com/fichas/gone.pdf"])
        #expect(gone.first?["record_id"] is String)
        let mismatched = try items(await shell().run("check --list mismatched --json").out)
        #expect(mismatched.map { $0["key"] as? String } == ["fichas/big.pdf"])
        let both = try items(await shell().run("check --list missing-objects,mismatched --json").out)
        #expect(both.map { $0["issue"] as? String } == ["mismatched", "missing-object"])
    }

    @Test("--list orphans is rows and objects both ways; --list all adds every other non-ok item, never ok ones")
    func orphansAndAll() async throws {
        drift()
        let orphans = try items(await shell().run("check --list orphans --json").out)
        #expect(orphans.map { $0["issue"] as? String } == ["missing-object", "missing-row", "missing-row"])
        let all = try items(await shell().run("check --list all --json").out)
        #expect(all.count == 4)
        #expect(!all.contains { $0["key"] as? String == "fichas/a.pdf" })
    }

    @Test("CSV has the documented header; the table is followed by the summary")
    func csvAndTable() async throws {
        drift()
        let csv = await shell().run("check --list missing-rows --csv")
        #expect(csv.out == """
            issue,key,url,record_id,kind,reason
            missing-row,fichas/b.pdf,https://cdn.example.com/fichas/b.pdf,,add,object without row
            missing-row,fichas/z.pdf,https://cdn.example.com/fichas/z.pdf,,add,object without row

            """)
        let table = await shell().run("check --list missing-objects")
        let lines = table.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ISSUE") == true, "\(table.out)")
        #expect(lines.count > 1 && lines[1].hasPrefix("missing-object"), "\(table.out)")
        #expect(table.out.contains("\nobjects:"), "the summary follows: \(table.out)")
    }

    @Test("in agreement: an empty list and exit 0")
    func clean() async throws {
        store.put("fichas/a.pdf")
        catalog.add(mapping.url(for: "fichas/a.pdf"))
        let r = await shell().run("check --list all --json")
        #expect(r.status == .ok)
        #expect(try items(r.out).isEmpty)
    }

    @Test("an unknown --list value is a usage error naming the choices")
    func badValue() async throws {
        let r = await shell().run("check --list missing")
        #expect(r.status == .usage)
        #expect(r.err.contains("missing-rows, missing-objects, mismatched, orphans, all"), "\(r.err)")
    }
}
