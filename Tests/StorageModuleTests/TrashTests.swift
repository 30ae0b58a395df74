import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Services
import Testing

/// Issue 20: `rm` copies to the trash first, `restore` brings objects back, on every backend.
@Suite struct TrashTests {
    static let referencia = "ficha:3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f"

    @Test(arguments: Backend.allCases)
    func roundTripKeepsBytesRowAndReferencia(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let (trash, shell) = try await f.trashAndShell()
        let content = "%PDF-1.4 \(UUID().uuidString) ação"
        let path = try f.file("relatório 1.pdf", content)
        #expect(await shell.execute(["upload", path, "--to", "fichas", "--ref", Self.referencia]).status == .ok)
        let key = "fichas/relatório 1.pdf"
        let before = try #require(try await f.rows().first)

        let rm = await shell.execute(["rm", key])
        #expect(rm.status == .ok, "\(rm.err)")
        #expect(try await f.store.head(key) == nil)
        let trashed = try await f.trashEntries(trash)
        #expect(trashed.map(\.key) == [key])
        #expect(trashed.first?.rowID == before.id)
        #expect(try await f.rows().first?.deletedAt != nil)
        let listed = await shell.execute(["trash", "ls", "fichas/", "--json"])
        #expect(listed.status == .ok)
        #expect(listed.out.contains(before.id.uuidString.lowercased()))

        let restored = await shell.execute(["restore", key])
        #expect(restored.status == .ok, "\(restored.err)")
        #expect(String(decoding: try await f.bytes(key), as: UTF8.self) == content)
        let after = try #require(try await f.rows().first)
        #expect(after.id == before.id)
        #expect(after.deletedAt == nil)
        #expect(after.tipoReferencia == before.tipoReferencia && after.referenciaId == before.referenciaId)
        #expect(after.referenciaId != nil)
        // The copy left the trash with the object.
        #expect(try await f.trashEntries(trash).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func twoDeletionsOfOneKeyNeverCollideAndAnIDRestoresItsOwnCopy(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let (trash, shell) = try await f.trashAndShell()
        let path = try f.file("a.txt", "first")
        #expect(await shell.execute(["upload", path, "--to", "docs"]).status == .ok)
        let first = try #require(try await f.rows().first?.id)
        #expect(await shell.execute(["rm", "docs/a.txt"]).status == .ok)
        try Data("second!".utf8).write(to: URL(fileURLWithPath: path))
        #expect(await shell.execute(["upload", path, "--to", "docs"]).status == .ok)
        #expect(await shell.execute(["rm", "docs/a.txt"]).status == .ok)
        let copies = try await f.trashEntries(trash)
        #expect(copies.count == 2)
        #expect(Set(copies.map(\.trashKey)).count == 2)

        let r = await shell.execute(["restore", first.uuidString.lowercased()])
        #expect(r.status == .ok, "\(r.err)")
        #expect(String(decoding: try await f.bytes("docs/a.txt"), as: UTF8.self) == "first")
        #expect(try await f.rows().first { $0.id == first }?.deletedAt == nil)
        #expect(try await f.trashEntries(trash).count == 1)
    }

    @Test(arguments: Backend.allCases)
    func aFailedCopyDeletesNothing(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let real = try await f.makeTrash()
        let broken = Trash(
            location: real.location, store: real.store, copyIn: { _, _ in throw InjectedCopyFailure() },
            copyOut: { _, _ in throw InjectedCopyFailure() })
        let shell = f.trashShell(broken)
        try await f.upload("keep.txt", "precious", with: shell)
        let r = await shell.execute(["rm", "keep.txt"])
        #expect(r.status == .failure)
        #expect(r.err.contains("to the trash failed, so nothing was deleted"), "\(r.err)")
        #expect(r.err.contains("--no-trash"))
        #expect(try await f.store.head("keep.txt") != nil)
        #expect(try await f.rows().allSatisfy { $0.deletedAt == nil })
    }

    @Test(arguments: Backend.allCases)
    func aFailedDeleteAfterTheCopyIsReportedAndASecondRmFinishes(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let trash = try await f.makeTrash()
        let path = try f.file("b.txt", "bytes")
        #expect(await f.trashShell(trash).execute(["upload", path]).status == .ok)
        let refusing = ObservedStore(f.store, refuseDeletes: true)
        let r = await f.trashShell(trash, store: refusing).execute(["rm", "b.txt"])
        #expect(r.status == .failure)
        #expect(r.err.contains("is in the trash and its row soft-deleted, but deleting the object failed"), "\(r.err)")
        #expect(try await f.store.head("b.txt") != nil)
        #expect(try await f.rows().allSatisfy { $0.deletedAt != nil })
        #expect(try await f.trashEntries(trash).count == 1)

        let again = await f.trashShell(trash).execute(["rm", "b.txt"])
        #expect(again.status == .ok, "\(again.err)")
        #expect(try await f.store.head("b.txt") == nil)
        // The second rm's copy is a second, row-less entry; restore still finds the row's own.
        #expect(await f.trashShell(trash).execute(["restore", "b.txt"]).status == .ok)
        #expect(String(decoding: try await f.bytes("b.txt"), as: UTF8.self) == "bytes")
    }

    @Test(arguments: Backend.allCases)
    func rmOfAFolderGoesInBatchesToTheTrash(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let (trash, shell) = try await f.trashAndShell()
        for i in 0..<25 { try f.file("lote/f\(i).txt", "file \(i)") }
        let outside = try f.file("other.txt", "stay")
        #expect(await shell.execute(["upload", "-r", f.files + "/lote"]).status == .ok)
        #expect(await shell.execute(["upload", outside, "--to", "lotes"]).status == .ok)
        // An object without a row and a row without an object are part of the folder too.
        try await f.store.upload(outside, to: "lote/sem-linha.txt", contentType: "text/plain", progress: nil)
        try await f.store.delete("lote/f0.txt")

        let refused = await shell.execute(["rm", "-r", "lote"])
        #expect(refused.status == .refused)
        #expect(try await f.keys().count == 26)

        let dry = await shell.execute(["rm", "-r", "lote", "--dry-run"])
        #expect(dry.status == .ok)
        #expect(dry.out.components(separatedBy: "copy-to-trash").count - 1 == 25)
        #expect(dry.out.components(separatedBy: "soft-delete-row").count - 1 == 25)
        #expect(dry.out.components(separatedBy: "delete-object").count - 1 == 25)
        #expect(try await f.keys().count == 26)
        #expect(try await f.rows().allSatisfy { $0.deletedAt == nil })

        let r = await shell.execute(["rm", "-r", "lote", "--yes"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(try await f.keys() == ["lotes/other.txt"])
        let rows = try await f.rows()
        #expect(rows.filter { $0.deletedAt != nil }.count == 25)
        #expect(rows.first { $0.url.hasSuffix("lotes/other.txt") }?.deletedAt == nil)
        #expect(try await f.trashEntries(trash).count == 25)
    }

    @Test(arguments: Backend.allCases)
    func noTrashDeletesForGoodAndRestoreSaysSo(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let (trash, shell) = try await f.trashAndShell()
        try await f.upload("gone.txt", "x", with: shell)
        #expect(await shell.execute(["rm", "gone.txt", "--no-trash"]).status == .ok)
        #expect(try await f.trashEntries(trash).isEmpty)
        let r = await shell.execute(["restore", "gone.txt"])
        #expect(r.status == .failure)
        #expect(r.err.contains("the trash has no copy of it"), "\(r.err)")
    }

    @Test func withoutATrashRmSaysOnceThatDeletionsAreFinal() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        let shell = f.trashShell(nil)
        for name in ["a.txt", "b.txt"] { #expect(await shell.execute(["upload", try f.file(name, name)]).status == .ok) }
        let first = await shell.execute(["rm", "a.txt"])
        #expect(first.err.contains("deletions on this profile are final"))
        let second = await shell.execute(["rm", "b.txt"])
        #expect(!second.err.contains("deletions on this profile are final"))
    }

    @Test(arguments: Backend.allCases)
    func restoreDryRunAndFromTime(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let (_, shell) = try await f.trashAndShell()
        try await f.upload("c.txt", "c", with: shell)
        // A bound just before the deletion (whole seconds, as --from reads them): a relative "1m"
        // stopped being before it whenever the test ran longer than a minute (a loaded machine).
        let beforeDeletion = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 1).rounded(.down))
        #expect(await shell.execute(["rm", "c.txt"]).status == .ok)
        let early = await shell.execute(["restore", "c.txt", "--from", "2001-01-01"])
        #expect(early.status == .failure)
        #expect(early.err.contains("no copy of 'c.txt' deleted at or before"))
        let dry = await shell.execute(["restore", "c.txt", "--dry-run"])
        #expect(dry.status == .ok)
        #expect(dry.out.contains("copy-from-trash") && dry.out.contains("restore-row") && dry.out.contains("remove-trash-copy"))
        #expect(try await f.store.head("c.txt") == nil)
        #expect(try await f.rows().allSatisfy { $0.deletedAt != nil })
        let bound = ISO8601DateFormatter().string(from: beforeDeletion)  // 2026-05-01T12:00:00Z
        #expect(await shell.execute(["restore", "c.txt", "--from", bound]).status == .failure, "\(bound)")
        #expect(await shell.execute(["restore", "c.txt", "--from", "2999-01-01"]).status == .ok)
    }

    @Test(arguments: Backend.allCases)
    func purgeKeepsYoungCopiesAndNeedsYes(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let (trash, shell) = try await f.trashAndShell()
        for name in ["p1.txt", "p2.txt"] { #expect(await shell.execute(["upload", try f.file(name, name)]).status == .ok) }
        #expect(await shell.execute(["rm", "p1.txt", "p2.txt", "--yes"]).status == .ok)
        #expect(await shell.execute(["trash", "purge", "--older-than", "1d", "--yes"]).status == .ok)
        #expect(try await f.trashEntries(trash).count == 2)
        // A bound in the future: every copy is older.
        #expect(await shell.execute(["trash", "purge", "--older-than", "2999-01-01"]).status == .refused)
        let dry = await shell.execute(["trash", "purge", "--older-than", "2999-01-01", "--dry-run"])
        #expect(dry.out.components(separatedBy: "would purge").count - 1 == 2)
        #expect(try await f.trashEntries(trash).count == 2)
        #expect(await shell.execute(["trash", "purge", "--older-than", "2999-01-01", "--yes"]).status == .ok)
        #expect(try await f.trashEntries(trash).isEmpty)
    }

    @Test(arguments: [Backend.local, .moto])
    func aTrashInsideTheBucketIsInvisible(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let (trash, visible) = f.inBucketTrash()
        let shell = f.trashShell(trash, store: visible)
        #expect(await shell.execute(["upload", try f.file("v.txt", "v"), "--to", "docs"]).status == .ok)
        #expect(await shell.execute(["rm", "docs/v.txt"]).status == .ok)
        // The copy is in the bucket, under the prefix …
        #expect(try await f.keys().contains { $0.hasPrefix(".trash/docs/v.txt~r2s-trash~") })
        // … and nothing that lists the bucket through the services sees it.
        let ls = await shell.execute(["ls", "--json"])
        #expect(ls.status == .ok)
        #expect(!ls.out.contains(".trash"))
        #expect(try await visible.listAll().isEmpty)
        #expect(await shell.execute(["restore", "docs/v.txt"]).status == .ok)
        #expect(try await visible.listAll().map(\.key) == ["docs/v.txt"])
    }
}

/// The trash's naming rule and settings, without servers.
@Suite struct TrashNameTests {
    @Test(arguments: [
        "a", "fichas/a.pdf", "x~r2s-trash~2026-01-01T00:00:00.000000Z~-", "folder/", "ação/é ~ ~~.txt", "a~",
    ])
    func namesReadBackAsWritten(_ key: String) throws {
        let date = Date(timeIntervalSince1970: 1_780_000_000.123456)
        for id in [UUID(), nil] as [UUID?] {
            let name = TrashName.make(prefix: ".trash/", key: key, deletedAt: date, rowID: id)
            let entry = try #require(TrashName.parse(name, prefix: ".trash/"))
            #expect(entry.key.utf8.elementsEqual(key.utf8))
            #expect(entry.rowID == id)
            #expect(abs(entry.deletedAt.timeIntervalSince(date)) < 0.000_01)
            #expect(name.hasPrefix(TrashName.listPrefix(prefix: ".trash/", key: key)))
        }
    }

    @Test func foreignKeysAreNotEntries() {
        #expect(TrashName.parse("fichas/a.pdf", prefix: "") == nil)
        #expect(TrashName.parse("a~r2s-trash~yesterday~-", prefix: "") == nil)
        #expect(TrashName.parse("a~r2s-trash~2026-01-01T00:00:00Z~not-a-uuid", prefix: "") == nil)
        #expect(TrashName.parse("other/a~r2s-trash~2026-01-01T00:00:00Z~-", prefix: ".trash/") == nil)
    }

    @Test func settings() throws {
        func location(_ values: [String: String]) throws -> TrashLocation? {
            let described = ProfileDescription(
                profileName: "p", bucket: values["R2_BUCKET"], endpoint: values["R2_ENDPOINT"], catalogKind: "sqlite",
                table: "storage", implied: [:])
            return try TrashLocation.of(Profile(name: "p", values: values), described: described, localDirectory: "/data/p")
        }
        let s3 = ["R2_ENDPOINT": "http://127.0.0.1:1", "R2_BUCKET": "media"]
        #expect(try location([:]) == .folder(path: "/data/p/trash"))
        #expect(try location(["R2S_TRASH": "none"]) == nil)
        #expect(try location(s3) == nil)
        #expect(try location(s3.merging(["R2S_TRASH": "media-trash"]) { $1 }) == .bucket(name: "media-trash", prefix: "", inMainBucket: false))
        #expect(try location(s3.merging(["R2S_TRASH": "bin/deleted"]) { $1 }) == .bucket(name: "bin", prefix: "deleted/", inMainBucket: false))
        #expect(throws: ConfigError.self) { try location(s3.merging(["R2S_TRASH": "media/.trash"]) { $1 }) }
        #expect(throws: ConfigError.self) { try location(s3.merging(["R2S_TRASH": "Bad_Name"]) { $1 }) }
        let inBucket = try location(s3.merging(["R2S_TRASH": "media/.trash", "R2S_TRASH_IN_BUCKET": "yes"]) { $1 })
        #expect(inBucket == .bucket(name: "media", prefix: ".trash/", inMainBucket: true))
        #expect(throws: ConfigError.self) { try location(s3.merging(["R2S_TRASH": "media", "R2S_TRASH_IN_BUCKET": "yes"]) { $1 }) }
        #expect(inBucket?.isTrashKey(".trash/a~r2s-trash~x~-") == true)
        #expect(inBucket?.isTrashKey(".trashy") == false)
        #expect(TrashLocation.bucket(name: "media-trash", prefix: "", inMainBucket: false).isTrashKey("a") == false)
    }
}

@Suite struct TrashCatalogFailureTests {
    @Test(arguments: Backend.allCases)
    func rowsThatCannotBeSoftDeletedKeepTheirObjects(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let trash = try await f.makeTrash()
        for i in 0..<3 { try f.file("k/f\(i).txt", "\(i)") }
        #expect(await f.trashShell(trash).execute(["upload", "-r", f.files + "/k"]).status == .ok)
        let shell = f.trashShell(trash, catalog: FaultyCatalog(inner: f.catalog, refuseSoftDeletes: true))
        let r = await shell.execute(["rm", "-r", "k", "--yes"])
        #expect(r.status == .failure)
        #expect(r.err.contains("so its object was not deleted"), "\(r.err)")
        #expect(try await f.keys().count == 3)
        #expect(try await f.rows().allSatisfy { $0.deletedAt == nil })
        // Running it again once the catalog is back finishes the job.
        #expect(await f.trashShell(trash).execute(["rm", "-r", "k", "--yes"]).status == .ok)
        #expect(try await f.keys().isEmpty)
    }
}
