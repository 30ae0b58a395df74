import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// Issue 11 §1: a row the original app wrote by concatenation (`base + "/" + key`) for a key with
/// a literal `%25` names that object in every command — show, ls, url, rm — on every backend.
@Suite struct IdentityTests {
    /// `rm TARGET --yes` succeeds, deletes the one object (`why` says which one it had to be)
    /// and soft-deletes every row.
    static func expectRemoved(
        _ target: String, by shell: TestShell, in f: StorageFixture, _ why: Comment,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let rm = await shell.execute(["rm", target, "--yes"])
        #expect(rm.status == .ok, "\(rm.err)", sourceLocation: sourceLocation)
        #expect(try await f.keys().isEmpty, why, sourceLocation: sourceLocation)
        #expect(try await f.rows().allSatisfy { $0.deletedAt != nil }, sourceLocation: sourceLocation)
    }

    static let literalKey = "raw/sp ace +plus%25#h?q.txt"
    static let decodedKey = "raw/sp ace +plus%#h?q.txt"

    /// Puts the objects and one raw-url row for `literalKey`.
    private func world(_ f: StorageFixture, objects: [String]) async throws -> CatalogRecord {
        for key in objects {
            _ = try await f.store.upload(try f.file("o.txt", "abc"), to: key, contentType: "text/plain", progress: nil)
        }
        let row = NewRecord(nome: "sp ace +plus%25#h?q.txt", url: StorageFixture.publicBase + "/" + Self.literalKey,
                            contentType: "text/plain", size: 3)
        return try await f.catalog.insert([row])[0]
    }

    @Test(arguments: Backend.allCases)
    func literalPercentRowNamesItsObject(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let row = try await world(f, objects: [Self.literalKey])
        let shell = f.shell()
        let id = row.id.uuidString.lowercased()

        let show = try #require(json(await shell.execute(["show", id, "--json"]).out) as? [String: Any])
        #expect(show["key"] as? String == Self.literalKey)
        #expect(show["object"] is [String: Any], "the object is found: \(show)")

        let listed = jsonRows(await shell.execute(["ls", "raw", "--json"]).out)
        #expect(listed.count == 1, "\(listed)")
        #expect(listed.first?["key"] as? String == Self.literalKey)
        #expect(listed.first?["status"] as? String == "ok", "\(listed)")

        let url = await shell.execute(["url", id])
        #expect(url.status == .ok, "\(url.err)")
        #expect(url.out.contains(f.mapping.url(for: Self.literalKey)), "\(url.out)")

        try await Self.expectRemoved(id, by: shell, in: f, "rm deleted the row's object, not the decoded name")
    }

    @Test(arguments: Backend.allCases)
    func ambiguousRowIsNeverActedOn(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let row = try await world(f, objects: [Self.literalKey, Self.decodedKey])
        let shell = f.shell()
        let id = row.id.uuidString.lowercased()

        let show = await shell.execute(["show", id])
        #expect(show.status == .failure)
        #expect(show.err.contains("ambiguous") && show.err.contains(Self.literalKey) && show.err.contains(Self.decodedKey),
                "\(show.err)")
        let rm = await shell.execute(["rm", id, "--yes"])
        #expect(rm.status != .ok)
        #expect(try await Set(f.keys()) == [Self.literalKey, Self.decodedKey], "nothing deleted")
        #expect(try await f.rows().allSatisfy { $0.deletedAt == nil }, "nothing soft-deleted")

        let listed = jsonRows(await shell.execute(["ls", "raw", "--json"]).out)
        #expect(listed.contains { $0["status"] as? String == "ambiguous url" }, "\(listed)")
        // The exact key still works.
        #expect(await shell.execute(["show", Self.decodedKey]).status == .ok)
    }

    /// Issue 11 §4: `rm ID --keep-object` is deliberate; `ls` says `kept out` (sync leaves it so)
    /// until the object is uploaded again after the deletion.
    @Test(arguments: Backend.allCases)
    func keptOutInLs(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let shell = f.shell()
        #expect(await shell.execute(["upload", try f.file("kept.txt", "abc"), "--to", "k"]).status == .ok)
        let row = try #require(try await f.rows().first)
        try await Task.sleep(for: DeletionOrder.tolerance + .seconds(1))
        #expect(await shell.execute(["rm", row.id.uuidString.lowercased(), "--keep-object"]).status == .ok)
        let listed = jsonRows(await shell.execute(["ls", "k", "--json"]).out)
        #expect(listed.map { $0["status"] as? String } == ["kept out"], "\(listed)")
        try await Task.sleep(for: DeletionOrder.tolerance + .seconds(1))
        _ = try await f.store.upload(try f.file("kept.txt", "abcd"), to: "k/kept.txt", contentType: "text/plain", progress: nil)
        let again = jsonRows(await shell.execute(["ls", "k", "--json"]).out)
        #expect(again.map { $0["status"] as? String } == ["soft-deleted"], "uploaded again: drift sync restores \(again)")
    }
}

/// Issue 11 §2: a name finds its object and rows whichever Unicode form the user typed or the
/// object was stored in, and commands act on the stored bytes; two stored forms are ambiguous.
@Suite struct NormalizationTests {
    static let nfd = "n/cafe\u{301}.txt"
    static let nfc = "n/caf\u{E9}.txt"

    private func put(_ f: StorageFixture, _ key: String, row: Bool) async throws {
        _ = try await f.store.upload(try f.file("o.txt", "abc"), to: key, contentType: "text/plain", progress: nil)
        if row {
            _ = try await f.catalog.insert([NewRecord(nome: "café.txt", url: f.mapping.url(for: key), contentType: "text/plain", size: 3)])
        }
    }

    @Test(arguments: Backend.allCases)
    func typedNFCFindsStoredNFD(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try await put(f, Self.nfd, row: true)
        let stored = try #require(try await f.keys().first)
        let shell = f.shell()
        let rowURL = try #require(try await f.rows().first?.url)
        for typed in [Self.nfc, Self.nfd] {
            let show = try #require(json(await shell.execute(["show", typed, "--json"]).out) as? [String: Any])
            #expect(show["object"] is [String: Any], "\(typed.unicodeScalars.count): \(show)")
            #expect((show["records"] as? [Any])?.count == 1, "\(show)")
            let url = await shell.execute(["url", typed])
            #expect(url.out.trimmingCharacters(in: .newlines) == rowURL, "url prints the row's url: \(url.out)\(url.err)")
        }
        let out = f.dir.appendingPathComponent("down").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let download = await shell.execute(["download", Self.nfc, out + "/got.txt"])
        #expect(download.status == .ok, "\(download.err)")
        #expect(try String(contentsOfFile: out + "/got.txt", encoding: .utf8) == "abc")
        #expect(await shell.execute(["rm", Self.nfc, "--keep-object"]).status == .ok)
        let restore = await shell.execute(["restore", Self.nfc])
        #expect(restore.status == .ok, "\(restore.err)")
        try await IdentityTests.expectRemoved(Self.nfc, by: shell, in: f, "the stored \(stored.unicodeScalars.count)-scalar key was deleted")
    }

    @Test(arguments: Backend.allCases)
    func bothFormsStoredAreAmbiguous(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        try await put(f, Self.nfd, row: true)
        try await put(f, Self.nfc, row: false)
        let keys = try await f.keys()
        // R2 (and a store that normalises) keeps one object; byte-exact servers keep two.
        guard keys.count == 2 else { return }
        let shell = f.shell()
        for typed in [Self.nfc, Self.nfd] {
            let rm = await shell.execute(["rm", typed, "--yes"])
            #expect(rm.status == .failure)
            #expect(rm.err.contains("ambiguous") && rm.err.contains("e%CC%81") && rm.err.contains("%C3%A9"), "\(rm.err)")
        }
        #expect(try await f.keys().count == 2, "nothing deleted")
        // The row id names the exact bytes its url spells.
        let row = try #require(try await f.rows().first)
        let show = try #require(json(await shell.execute(["show", row.id.uuidString.lowercased(), "--json"]).out) as? [String: Any])
        #expect(show["key"] as? String == Self.nfd)
        // So does an encoded url (docs/storage.md): its bytes are the exact key.
        for key in [Self.nfd, Self.nfc] {
            let byURL = try #require(json(await shell.execute(["show", f.mapping.url(for: key), "--json"]).out) as? [String: Any])
            #expect((byURL["key"] as? String).map { Array($0.utf8) } == Array(key.utf8))
        }
    }

}
