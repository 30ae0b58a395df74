import BackendSupport
import Catalog
@testable import FiltersModule
import Foundation
import LocalStore
import ObjectStore
import R2SCore
import R2STestSupport
import Scope
import Services
import Synchronization
import Testing

@Suite struct FilterTestCommandTests {
    static let base = "https://cdn.example.com"

    /// Bucket: PDFs and images in and out of `fichas/`; catalog: rows in both url forms, a
    /// foreign row, an unparseable one, a soft-deleted one.
    func fixture(_ config: TempConfig) async throws -> (TestShell, FakeCatalog) {
        let store = try LocalFolderStore(root: config.root + "/bucket")
        let src = config.root + "/src"
        try Data(repeating: 7, count: 2048).write(to: URL(fileURLWithPath: src))
        let keys = [
            "fichas/a.pdf", "fichas/sub/b.PDF", "fichas/foto + legenda 100%.pdf", "fichas/c.jpg", "fichas2/d.pdf",
            "outros/e.pdf", "fichas/ac\u{327}a\u{303}o.pdf",
        ]
        for key in keys {
            try await store.upload(src, to: key, contentType: MediaTypes.type(forKey: key), progress: nil)
        }
        let mapping = KeyMapping(publicBase: Self.base)
        func row(_ url: String, type: String? = "application/pdf", deleted: Bool = false) -> CatalogRecord {
            CatalogRecord(
                id: UUID(), nome: "n", url: url, contentType: type, size: 2048, createdAt: Date(),
                deletedAt: deleted ? Date() : nil)
        }
        let catalog = FakeCatalog([
            row(mapping.url(for: "fichas/a.pdf")),
            row(Self.base + "/fichas/foto + legenda 100%.pdf"),  // raw form of the original app
            row(mapping.url(for: "fichas/sub/b.PDF")),
            row(mapping.url(for: "fichas/c.jpg"), type: "image/jpeg"),
            row(mapping.url(for: "fichas2/d.pdf")),
            row(mapping.url(for: "fichas/gone.pdf"), deleted: true),
            row("https://elsewhere.example.com/fichas/x.pdf"),
            row(Self.base + "/fichas/%FF.pdf"),
            row(Self.base + "/fichas/ação.pdf"),
        ])
        let services = FixedServices(store: store, catalog: catalog, mapping: mapping)
        let shell = config.shell(services: services)
        #expect(await shell.execute(["filter", "add", "pdfs", "--prefix", "fichas", "--type", "pdf"]).status == .ok)
        return (shell, catalog)
    }

    @Test("counts on both sides respect the prefix boundary, types and both url forms")
    func counts() async throws {
        let config = TempConfig()
        let (shell, catalog) = try await fixture(config)
        let r = await shell.execute(["filter", "test", "pdfs", "--json"])
        #expect(r.status == .ok, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["objects_listed"] as? Int == 5, "fichas2/ and outros/ are never listed")
        #expect(json["objects_matched"] as? Int == 4, "the jpg is out")
        #expect(json["objects_bytes"] as? Int == 4 * 2048)
        #expect(json["records_matched"] as? Int == 4)
        #expect(json["records_foreign"] as? Int == 0, "foreign rows are outside the url prefixes")
        #expect(json["records_unparseable"] as? Int == 1)
        let objects = try #require(json["objects"] as? [[String: Any]]).compactMap { $0["key"] as? String }
        #expect(!objects.contains("fichas/c.jpg"))
        #expect(!objects.contains("fichas2/d.pdf"))
        let records = try #require(json["records"] as? [[String: Any]]).compactMap { $0["key"] as? String }
        #expect(records.contains("fichas/foto + legenda 100%.pdf"))
        #expect(!records.contains("fichas/gone.pdf"), "soft-deleted rows are not in scope")
        #expect(catalog.queries.last?.urlPrefixes == [Self.base + "/fichas/"])
    }

    @Test("table output lists matches then counts; --limit shortens only the listing")
    func tableAndLimit() async throws {
        let config = TempConfig()
        let (shell, _) = try await fixture(config)
        let r = await shell.execute(["filter", "test", "pdfs", "--limit", "2"])
        #expect(r.status == .ok)
        #expect(r.out.hasPrefix("SIDE "))
        #expect(r.out.components(separatedBy: "\nobject ").count - 1 == 2)
        #expect(r.out.components(separatedBy: "\nrecord ").count - 1 == 2)
        #expect(r.out.contains("objects_matched:     4"))
        #expect(r.err.contains("showing 2 of 4 matching objects"))
        let objectsOnly = await shell.execute(["filter", "test", "pdfs", "--on", "objects", "--json"])
        #expect(objectsOnly.out.contains("\"objects_matched\":4"))
        #expect(!objectsOnly.out.contains("records"))
    }

    @Test("a filter matching nothing is allowed and says so")
    func nothing() async throws {
        let config = TempConfig()
        let (shell, _) = try await fixture(config)
        _ = await shell.execute(["filter", "add", "none", "--prefix", "vazio"])
        let r = await shell.execute(["filter", "test", "none"])
        #expect(r.status == .ok)
        #expect(r.err.contains("matches nothing"))
    }

    @Test("without storage services filter test fails with a config error; the rest still works")
    func noServices() async {
        let config = TempConfig()
        let shell = config.shell()
        _ = await shell.execute(["filter", "add", "x"])
        let r = await shell.execute(["filter", "test", "x"])
        #expect(r.status == .config)
        #expect(r.err.contains("needs a bucket and a catalog"))
    }
}
