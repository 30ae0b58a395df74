import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// `find --sort` and `records where --sort`, with and without `--limit`, on every backend.
@Suite struct SortLimitTests {
    /// Five rows with distinct names and sizes; one without a size.
    func seed(_ f: StorageFixture) async throws {
        let u = f.mapping
        _ = try await f.catalog.insert([
            NewRecord(nome: "b.pdf", url: u.url(for: "s/b.pdf"), contentType: "application/pdf", size: 300),
            NewRecord(nome: "a.pdf", url: u.url(for: "s/a.pdf"), contentType: "application/pdf", size: 5000),
            NewRecord(nome: "d.png", url: u.url(for: "s/d.png"), contentType: "image/png", size: 20),
            NewRecord(nome: "c.jpg", url: u.url(for: "s/c.jpg"), contentType: "image/jpeg", size: 900),
            NewRecord(nome: "e", url: u.url(for: "s/e"), contentType: nil, size: nil),
        ])
    }

    @Test("find --sort name|size|date and --limit: the first N in that order", arguments: Backend.allCases)
    func find(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try await seed(f)
        let shell = f.shell()
        func names(_ args: [String]) async -> [String] {
            let r = await shell.execute(["find"] + args + ["--json"])
            #expect(r.status == .ok, "\(args): \(r.err)")
            return jsonRows(r.out).compactMap { $0["nome"] as? String }
        }
        #expect(await names(["--sort", "name"]) == ["a.pdf", "b.pdf", "c.jpg", "d.png", "e"])
        #expect(await names(["--sort", "size"]) == ["a.pdf", "c.jpg", "b.pdf", "d.png", "e"])
        #expect(await names(["--sort", "size", "--limit", "2"]) == ["a.pdf", "c.jpg"])
        #expect(await names(["--sort", "name", "--limit", "1", "--type", "image/*"]) == ["c.jpg"])
        #expect(await names(["--sort", "date", "--limit", "3"]).count == 3)
        let bad = await shell.execute(["find", "--sort", "colour"])
        #expect(bad.status == .usage)
        #expect(bad.err.contains("--sort must be name, size or date"), "\(bad.err)")
    }

    @Test("records where --sort and --limit", arguments: Backend.allCases)
    func records(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try await seed(f)
        let shell = f.shell()
        let r = await shell.execute(["records", "where", "size>100", "--sort", "size", "--limit", "2", "--columns", "nome,size", "--csv"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(r.out == "nome,size\na.pdf,5000\nc.jpg,900\n", "\(r.out)")
        let byName = await shell.execute(["records", "where", "--sort", "name", "--columns", "nome", "--csv"])
        #expect(byName.out == "nome\na.pdf\nb.pdf\nc.jpg\nd.png\ne\n", "\(byName.out)")
        #expect(await shell.execute(["records", "where", "--sort", "id"]).status == .usage)
    }
}
