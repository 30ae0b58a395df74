import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// `mv SRC/ DST/` (issue 16): every object of a folder with its rows, batched, and `--dry-run`.
@Suite struct MvFolderTests {
    /// fotos/a.txt, fotos/b.txt, fotos/sub/c.txt uploaded with rows, and fotos/bare.txt without one.
    private func seed(_ f: StorageFixture) async throws {
        for name in ["a.txt", "b.txt", "sub/c.txt"] { try f.file("fotos/" + name, name) }
        #expect(await f.shell().execute(["upload", "-r", f.files + "/fotos"]).status == .ok)
        let bare = try f.file("bare.txt", "no row")
        _ = try await f.store.upload(bare, to: "fotos/bare.txt", contentType: "text/plain", progress: nil)
    }

    private func activeURLs(_ f: StorageFixture) async throws -> [String] {
        try await f.rows().filter { !$0.isDeleted }.map { String($0.url.dropFirst(StorageFixture.publicBase.count + 1)) }.sorted()
    }

    @Test(arguments: Backend.allCases)
    func folderMovesWithItsRows(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try await seed(f)
        let ids = try await f.rows().map(\.id).sorted { $0.uuidString < $1.uuidString }
        let r = await f.shell().execute(["mv", "fotos/", "arquivo/fotos/", "--jobs", "2", "--csv"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(r.out.contains("fotos/sub/c.txt,arquivo/fotos/sub/c.txt,moved"), "\(r.out)")
        #expect(
            try await f.keys().sorted() == ["arquivo/fotos/a.txt", "arquivo/fotos/b.txt", "arquivo/fotos/bare.txt", "arquivo/fotos/sub/c.txt"])
        #expect(try await activeURLs(f) == ["arquivo/fotos/a.txt", "arquivo/fotos/b.txt", "arquivo/fotos/sub/c.txt"])
        // The same rows, updated (not new ones).
        #expect(try await f.rows().map(\.id).sorted { $0.uuidString < $1.uuidString } == ids)
        // Nothing left to move.
        let again = await f.shell().execute(["mv", "fotos/", "arquivo/fotos/"])
        #expect(again.status == .failure)
        #expect(again.err.contains("no object under 'fotos/'"))
    }

    @Test(arguments: [Backend.local, .postgres])
    func existingDestinationsAreRefusedOneByOne(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try await seed(f)
        #expect(await f.shell().execute(["upload", try f.file("other/b.txt", "old b"), "--to", "novo"]).status == .ok)
        let r = await f.shell().execute(["mv", "fotos/", "novo/"])
        #expect(r.status == .partial)
        #expect(r.err.contains("'novo/b.txt' already exists"), "\(r.err)")
        #expect(try await f.keys().sorted() == ["fotos/b.txt", "novo/a.txt", "novo/b.txt", "novo/bare.txt", "novo/sub/c.txt"])
        let over = await f.shell().execute(["mv", "fotos/", "novo/", "--overwrite"])
        #expect(over.status == .ok, "\(over.err)")
        #expect(try await f.keys().sorted() == ["novo/a.txt", "novo/b.txt", "novo/bare.txt", "novo/sub/c.txt"])
        #expect(try await activeURLs(f) == ["novo/a.txt", "novo/b.txt", "novo/sub/c.txt"])
        #expect(try await f.rows().filter(\.isDeleted).count == 1)  // the replaced novo/b.txt row
    }

    @Test(arguments: [Backend.local, .postgrest])
    func dryRunPrintsTheMovesAndChangesNothing(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try await seed(f)
        let before = try await f.rows()
        let r = await f.shell().execute(["mv", "fotos/", "arquivo/", "--dry-run", "--csv"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(
            r.out.split(separator: "\n").sorted() == [
                "fotos/a.txt,arquivo/a.txt,would move", "fotos/b.txt,arquivo/b.txt,would move",
                "fotos/bare.txt,arquivo/bare.txt,would move", "fotos/sub/c.txt,arquivo/sub/c.txt,would move",
                "from,to,status",
            ])
        let one = await f.shell().execute(["mv", "fotos/a.txt", "arquivo/", "--dry-run", "--json"])
        #expect(one.status == .ok)
        #expect(one.out.contains("\"to\":\"arquivo/a.txt\""), "\(one.out)")
        #expect(one.out.contains("would move"))
        #expect(try await f.keys().sorted() == ["fotos/a.txt", "fotos/b.txt", "fotos/bare.txt", "fotos/sub/c.txt"])
        #expect(try await f.rows() == before)
    }

    @Test(arguments: [Backend.local, .postgres])
    func refusedRowUpdatesDeleteTheCopiesAndKeepTheSources(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try await seed(f)
        let before = try await f.rows()
        let r = await f.shell(catalog: FaultyCatalog(inner: f.catalog, refuseUpdates: true)).execute(["mv", "fotos/", "arquivo/"])
        #expect(r.status == .failure)
        #expect(r.err.contains("injected: the catalog refuses the row"), "\(r.err)")
        #expect(try await f.keys().sorted() == ["fotos/a.txt", "fotos/b.txt", "fotos/bare.txt", "fotos/sub/c.txt"])
        #expect(try await f.rows() == before)
    }
}
