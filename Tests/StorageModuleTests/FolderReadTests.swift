import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Synchronization
import Testing

/// Catalog reads whose number does not grow with the catalog (issue 16): `upload -r` and
/// `mv SRC/ DST/` read each folder's rows once by url prefix instead of one `url = ANY(…)` per
/// batch (a whole-table scan each on the app's schema, which has no index on url), and `mv`
/// moves a batch's rows with one statement.
@Suite struct FolderReadTests {
    private func folder(_ f: StorageFixture, _ n: Int, _ name: String = "scans") throws -> String {
        for i in 1...n { try f.file("\(name)/f\(i).txt", "file \(i)") }
        return f.files + "/" + name
    }

    /// How many ranged reads were of `folder`'s url prefix.
    private func folderReads(_ catalog: BatchFaultCatalog, _ folder: String) -> Int {
        catalog.rangePrefixes.withLock { $0 }.filter { $0 == [StorageFixture.publicBase + "/" + folder] }.count
    }

    private func rowKeys(_ f: StorageFixture) async throws -> [String] {
        try await f.rows().filter { !$0.isDeleted }.map { String($0.url.dropFirst(StorageFixture.publicBase.count + 1)) }.sorted()
    }

    @Test(arguments: Backend.allCases)
    func uploadReadsTheFolderRowsOnceNotPerBatch(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let dir = try folder(f, 7)
        let catalog = BatchFaultCatalog(inner: f.catalog)
        let r = await f.shell(catalog: catalog).execute(["upload", "-r", dir, "--to", "up", "--batch", "3"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(catalog.urlReads.load(ordering: .relaxed) == 0)
        #expect(folderReads(catalog, "up/scans/") == 1)
        // Again with --overwrite: the rows found by the folder read are updated, not duplicated.
        let again = BatchFaultCatalog(inner: f.catalog)
        let over = await f.shell(catalog: again).execute(["upload", "-r", dir, "--to", "up", "--batch", "3", "--overwrite"])
        #expect(over.status == .ok, "\(over.err)")
        #expect(again.urlReads.load(ordering: .relaxed) == 0)
        #expect(again.updates.load(ordering: .relaxed) == 7)
        #expect(again.inserts.load(ordering: .relaxed) == 0)
        #expect(try await f.rows().count == 7)
        #expect(try await rowKeys(f) == (1...7).map { "up/scans/f\($0).txt" }.sorted())
    }

    /// The url-style sample (a read of every row under the public base, then a search that is a
    /// whole-table scan when the catalog has no escaped url) is only made when some key would be
    /// spelled differently by some style: plain keys are written the same by all of them.
    @Test(arguments: [Backend.local, .postgres])
    func uploadOfPlainKeysSkipsTheURLStyleSample(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let base = [StorageFixture.publicBase + "/"]
        let plain = try folder(f, 3, "plain")
        let catalog = BatchFaultCatalog(inner: f.catalog)
        let r = await f.shell(catalog: catalog).execute(["upload", "-r", plain, "--to", "up"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(!catalog.rangePrefixes.withLock { $0 }.contains(base), "\(catalog.rangePrefixes.withLock { $0 })")
        // A key with a space: raw and encoded differ, so the catalog's spelling is looked up.
        try f.file("odd/a b.txt", "spaced")
        let spaced = BatchFaultCatalog(inner: f.catalog)
        let s = await f.shell(catalog: spaced).execute(["upload", "-r", f.files + "/odd", "--to", "up"])
        #expect(s.status == .ok, "\(s.err)")
        #expect(spaced.rangePrefixes.withLock { $0 }.contains(base))
        #expect(try await rowKeys(f).contains("up/odd/a%20b.txt"))
    }

    /// `mv SRC/ DST/` of plain keys skips the url-style sample too; a key with a space does not.
    @Test(arguments: [Backend.local, .postgres])
    func mvOfPlainKeysSkipsTheURLStyleSample(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let base = [StorageFixture.publicBase + "/"]
        let dir = try folder(f, 3, "plain")
        #expect(await f.shell().execute(["upload", "-r", dir]).status == .ok)
        let catalog = BatchFaultCatalog(inner: f.catalog)
        let r = await f.shell(catalog: catalog).execute(["mv", "plain/", "moved/"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(!catalog.rangePrefixes.withLock { $0 }.contains(base), "\(catalog.rangePrefixes.withLock { $0 })")
        let spaced = BatchFaultCatalog(inner: f.catalog)
        let s = await f.shell(catalog: spaced).execute(["mv", "moved/", "with space/"])
        #expect(s.status == .ok, "\(s.err)")
        #expect(spaced.rangePrefixes.withLock { $0 }.contains(base))
        #expect(try await rowKeys(f) == (1...3).map { "with%20space/f\($0).txt" }.sorted())
    }

    /// Files named one by one (no folder to read): each batch reads its own urls, and finds the
    /// rows that are there.
    @Test(arguments: [Backend.local, .postgres])
    func filesOutsideAFolderReadPerBatch(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let dir = try folder(f, 5)
        _ = try await f.catalog.insert([NewRecord(nome: "f2.txt", url: StorageFixture.publicBase + "/in/f2.txt")])
        let catalog = BatchFaultCatalog(inner: f.catalog)
        let paths = (1...5).map { "\(dir)/f\($0).txt" }
        let up = await f.shell(catalog: catalog).execute(["upload"] + paths + ["--to", "in", "--batch", "2"])
        #expect(up.status == .ok, "\(up.err)")
        #expect(catalog.urlReads.load(ordering: .relaxed) == 3)
        #expect(folderReads(catalog, "in/") == 0)
        #expect(catalog.updates.load(ordering: .relaxed) == 1)  // f2.txt's row, not a duplicate
        #expect(try await rowKeys(f) == (1...5).map { "in/f\($0).txt" })
    }

    @Test(arguments: Backend.allCases)
    func mvReadsBothFoldersOnceAndMovesEachBatchInOneStatement(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let dir = try folder(f, 7, "fotos")
        #expect(await f.shell().execute(["upload", "-r", dir]).status == .ok)
        let ids = try await f.rows().map(\.id)
        let catalog = BatchFaultCatalog(inner: f.catalog)
        let r = await f.shell(catalog: catalog).execute(["mv", "fotos/", "arquivo/fotos/"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(catalog.urlReads.load(ordering: .relaxed) == 0)
        #expect(folderReads(catalog, "fotos/") == 1)
        #expect(folderReads(catalog, "arquivo/fotos/") == 1)
        #expect(catalog.updates.load(ordering: .relaxed) == 0)
        #expect(catalog.relocations.load(ordering: .relaxed) == 1)
        #expect(try await rowKeys(f) == (1...7).map { "arquivo/fotos/f\($0).txt" }.sorted())
        #expect(Set(try await f.rows().map(\.id)) == Set(ids))
        #expect(try await f.rows().allSatisfy { $0.url.hasSuffix("/" + $0.nome) })
    }
}
