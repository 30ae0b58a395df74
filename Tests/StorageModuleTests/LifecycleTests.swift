import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import SQLite
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A file's whole life through the real dispatcher, on every backend: upload, ls, show, url,
/// download, mv, rm, restore.
@Suite struct LifecycleTests {
    @Test(arguments: Backend.allCases)
    func uploadWritesObjectThenRow(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let a = try f.file("relatorio.pdf", "%PDF-1.4 hello")
        let b = try f.file("foto 1.jpg", "jpegdata")
        let shell = f.shell()
        let r = await shell.execute(["upload", a, b, "--to", "fichas", "--json"])
        #expect(r.status == .ok, "\(r.err)")
        let out = jsonRows(r.out)
        #expect(out.map { $0["key"] as? String } == ["fichas/relatorio.pdf", "fichas/foto 1.jpg"] || out.count == 2)
        #expect(Set(out.compactMap { $0["status"] as? String }) == ["uploaded"])
        #expect(try await f.keys().sorted() == ["fichas/foto 1.jpg", "fichas/relatorio.pdf"])
        let rows = try await f.rows().sorted { $0.nome < $1.nome }
        #expect(rows.map(\.nome) == ["foto 1.jpg", "relatorio.pdf"])
        #expect(rows.map(\.url) == [
            "https://files.example.com/fichas/foto%201.jpg", "https://files.example.com/fichas/relatorio.pdf",
        ])
        #expect(rows.map(\.contentType) == ["image/jpeg", "application/pdf"])
        #expect(rows.map(\.size) == [8, 14])
        #expect(rows.allSatisfy { $0.createdBy == nil && $0.deletedAt == nil })
        // The ids printed are the rows'.
        #expect(Set(out.compactMap { $0["id"] as? String }) == Set(rows.map { $0.id.uuidString.lowercased() }))
    }

    @Test(arguments: Backend.allCases)
    func existingKeyNeedsOverwriteAndUpdatesTheRow(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let path = try f.file("a.txt", "one")
        let shell = f.shell()
        #expect(await shell.execute(["upload", path]).status == .ok)
        let again = await shell.execute(["upload", path])
        #expect(again.status == .refused)
        #expect(again.err.contains("'a.txt' already exists"))
        #expect(again.err.contains("--overwrite"))
        #expect(await shell.execute(["upload", path, "--skip-existing"]).status == .ok)
        try "three".write(toFile: path, atomically: true, encoding: .utf8)
        let over = await shell.execute(["upload", path, "--overwrite", "--ref", "ficha:3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f", "--json"])
        #expect(over.status == .ok, "\(over.err)")
        #expect(jsonRows(over.out).first?["status"] as? String == "replaced")
        let rows = try await f.rows()
        #expect(rows.count == 1)  // updated, not duplicated
        #expect(rows.first?.size == 5)
        #expect(rows.first?.tipoReferencia == "ficha")
        #expect(rows.first?.referenciaId == UUID(uuidString: "3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f"))
        #expect(try await f.store.head("a.txt")?.size == 5)
    }

    @Test(arguments: Backend.allCases)
    func lsJoinsBucketAndCatalog(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let shell = f.shell()
        for name in ["ok.txt", "gone.txt", "dup.txt"] {
            #expect(await shell.execute(["upload", try f.file(name, name), "--to", "d"]).status == .ok)
        }
        // An object without a row, a row without an object, a duplicate row, a deleted row.
        try await f.store.upload(try f.file("loose.bin", "x"), to: "d/loose.bin", contentType: "application/octet-stream", progress: nil)
        try await f.store.delete("d/gone.txt")
        _ = try await f.catalog.insert([NewRecord(nome: "dup.txt", url: f.mapping.url(for: "d/dup.txt"), size: 7)])
        let old = try await f.catalog.insert([NewRecord(nome: "old.txt", url: f.mapping.url(for: "d/old.txt"))])
        _ = try await f.catalog.softDelete(ids: old.map(\.id), actor: nil)
        // A row of another folder, which `ls d` must not show (prefix boundary: d2/ is not d/).
        _ = try await f.catalog.insert([NewRecord(nome: "x", url: f.mapping.url(for: "d2/x.txt"))])

        let r = await shell.execute(["ls", "d", "--json"])
        #expect(r.status == .ok, "\(r.err)")
        let byStatus = Dictionary(grouping: jsonRows(r.out)) { $0["status"] as? String ?? "?" }
        #expect(byStatus["ok"]?.map { $0["key"] as? String } == ["d/ok.txt"])
        #expect(byStatus["duplicate"]?.count == 2)
        #expect(byStatus["no record"]?.map { $0["key"] as? String } == ["d/loose.bin"])
        #expect(byStatus["object missing"]?.map { $0["key"] as? String } == ["d/gone.txt"])
        #expect(byStatus["soft-deleted"] == nil)  // d/old.txt has no object: shown only with --deleted
        #expect(!r.out.contains("d2/"))

        let deleted = jsonRows(await shell.execute(["ls", "d", "--deleted", "--json"]).out)
        #expect(deleted.contains { $0["key"] as? String == "d/old.txt" && $0["status"] as? String == "soft-deleted" })

        let missing = jsonRows(await shell.execute(["ls", "--status", "missing", "--json"]).out)
        #expect(Set(missing.compactMap { $0["key"] as? String }) == ["d/gone.txt", "d2/x.txt"])
        let loose = jsonRows(await shell.execute(["ls", "--status", "uncatalogued", "--json"]).out)
        #expect(loose.map { $0["key"] as? String } == ["d/loose.bin"])
        let limited = jsonRows(await shell.execute(["ls", "--limit", "2", "--json"]).out)
        #expect(limited.count == 2)
        let bySize = jsonRows(await shell.execute(["ls", "d", "--sort", "size", "--json"]).out)
        let sizes = bySize.compactMap { $0["size"] as? Int }
        #expect(sizes == sizes.sorted(by: >) && sizes.count >= 4)
        let table = await shell.execute(["ls", "d"])
        #expect(table.out.hasPrefix("NAME"))
        #expect(table.out.contains("object missing"))
        let typed = jsonRows(await shell.execute(["ls", "--type", "text/plain", "--json"]).out)
        #expect(!typed.isEmpty && typed.allSatisfy { ($0["key"] as? String)?.hasSuffix(".txt") == true })
    }

    @Test(arguments: Backend.allCases)
    func showURLAndDownload(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let shell = f.shell()
        #expect(await shell.execute(["upload", try f.file("foto 1.jpg", "jpegdata"), "--to", "fichas"]).status == .ok)
        let row = try #require(try await f.rows().first)

        let show = await shell.execute(["show", "fichas/foto 1.jpg", "--json"])
        #expect(show.status == .ok, "\(show.err)")
        let doc = try #require(json(show.out) as? [String: Any])
        #expect((doc["object"] as? [String: Any])?["size"] as? Int == 8)
        #expect((doc["records"] as? [[String: Any]])?.first?["id"] as? String == row.id.uuidString.lowercased())
        #expect((doc["mismatches"] as? [String]) == [])
        // By id and by url (encoded and raw) the same row comes back.
        for item in [row.id.uuidString, "https://files.example.com/fichas/foto%201.jpg", "https://files.example.com/fichas/foto 1.jpg"] {
            let other = try #require(json(await shell.execute(["show", item, "--json"]).out) as? [String: Any])
            #expect(other["key"] as? String == "fichas/foto 1.jpg")
        }
        let text = await shell.execute(["show", "fichas/foto 1.jpg"])
        #expect(text.out.contains("record 1 of 1"))
        #expect(text.out.contains("etag:"))

        #expect(await shell.execute(["url", "fichas/foto 1.jpg"]).out == "https://files.example.com/fichas/foto%201.jpg\n")
        #expect(await shell.execute(["url", row.id.uuidString]).out == "https://files.example.com/fichas/foto%201.jpg\n")
        let presign = await shell.execute(["url", "fichas/foto 1.jpg", "--presign", "--expires", "15m"])
        if backend == .local {
            #expect(presign.status == .usage)  // the local folder has no links to presign
            #expect(presign.err.contains("profile"))
        } else {
            #expect(presign.status == .ok, "\(presign.err)")
            let link = try #require(URL(string: presign.out.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(presign.out.contains("X-Amz-Expires=900"))
            let (data, response) = try await URLSession.shared.data(from: link)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self) == "jpegdata")
        }
        #expect(await shell.execute(["url", "x", "--expires", "8d", "--presign"]).status == .usage)

        let dest = f.dir.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: dest, withIntermediateDirectories: true)
        let d1 = await shell.execute(["download", "fichas/foto 1.jpg", dest])
        #expect(d1.status == .ok, "\(d1.err)")
        #expect(try String(contentsOfFile: dest + "/foto 1.jpg", encoding: .utf8) == "jpegdata")
        let d2 = await shell.execute(["download", row.id.uuidString, dest])
        #expect(d2.status == .refused)
        #expect(d2.err.contains("--force"))
        #expect(await shell.execute(["download", row.id.uuidString, dest, "--force"]).status == .ok)
        #expect(await shell.execute(["download", "nope.txt", dest]).status == .failure)
    }

    @Test(arguments: Backend.allCases)
    func mvRmRestore(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let actor = UUID()
        try await f.addUser(actor)
        let shell = f.shell(actor: actor.uuidString)
        #expect(await shell.execute(["upload", try f.file("a.pdf", "aaaa"), try f.file("b.pdf", "bb"), "--to", "in"]).status == .ok)
        #expect(try await f.rows().allSatisfy { $0.createdBy == actor })

        let mv = await shell.execute(["mv", "in/a.pdf", "out/"])
        #expect(mv.status == .ok, "\(mv.err)")
        #expect(try await f.keys().sorted() == ["in/b.pdf", "out/a.pdf"])
        let moved = try #require(try await f.rows().first { $0.nome == "a.pdf" })
        #expect(moved.url == "https://files.example.com/out/a.pdf")
        #expect(moved.updatedBy == actor)
        #expect(await shell.execute(["mv", "out/a.pdf", "in/b.pdf"]).status == .refused)

        // Several items in a script need --yes; nothing changes without it.
        let refused = await shell.run("rm out/a.pdf in/b.pdf")
        #expect(refused.status == .refused)
        #expect(refused.err.contains("--yes"))
        #expect(try await f.keys().count == 2)
        let rm = await shell.run("rm out/a.pdf in/b.pdf --yes")
        #expect(rm.status == .ok, "\(rm.err)")
        #expect(try await f.keys().isEmpty)
        let rows = try await f.rows()
        #expect(rows.count == 2 && rows.allSatisfy { $0.deletedAt != nil && $0.updatedBy == actor })

        // The object is gone: restore explains why it cannot.
        let gone = await shell.execute(["restore", "out/a.pdf"])
        #expect(gone.status == .failure)
        #expect(gone.err.contains("no longer exists"))
        #expect(gone.err.contains("upload FILE --to out"))
        // Soft-delete only, then restore.
        #expect(await shell.execute(["upload", try f.file("c.pdf", "c"), "--to", "in"]).status == .ok)
        #expect(await shell.execute(["rm", "in/c.pdf", "--keep-object"]).status == .ok)
        #expect(try await f.keys() == ["in/c.pdf"])
        let restored = await shell.execute(["restore", "in/c.pdf", "--json"])
        #expect(restored.status == .ok, "\(restored.err)")
        #expect((json(restored.out) as? [String: Any])?["deleted_at"] is NSNull)
        #expect(await shell.execute(["restore", "in/c.pdf"]).status == .failure)  // already active
        #expect(await shell.execute(["rm", "nothing/here.txt"]).status == .failure)
    }

    @Test func rmAsksOnATerminal() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        let setup = f.shell()
        #expect(await setup.execute(["upload", try f.file("a", "1"), try f.file("b", "2")]).status == .ok)
        let no = f.shell(console: BufferConsole(isTerminal: true, isInteractive: true, answers: [false]))
        #expect(await no.execute(["rm", "a", "b"]).status == .refused)
        #expect(no.console.errorOutput.contains("Delete 2 items"))
        #expect(try await f.keys().count == 2)
        let yes = f.shell(console: BufferConsole(isTerminal: true, isInteractive: true, answers: [true]))
        #expect(await yes.execute(["rm", "a", "b"]).status == .ok)
        #expect(try await f.keys().isEmpty)
    }
}

extension StorageFixture {
    /// Adds a user so `created_by`/`updated_by` foreign keys accept `id`.
    func addUser(_ id: UUID) async throws {
        switch backend {
        case .local:
            let db = try SQLite.Database(path: dir.appendingPathComponent("catalog.sqlite").path)
            try db.setBusyTimeout(milliseconds: 5000)
            try db.execute("INSERT INTO usuarios (id, nome) VALUES ('\(id.uuidString.lowercased())', 'test')")
        case .postgres, .postgrest, .moto:
            try sql("INSERT INTO usuarios (id, nome) VALUES ('\(id.uuidString.lowercased())', 'test')")
        }
    }
}

@Suite struct ProgressTests {
    @Test("upload draws a progress line on a terminal and prints plain lines otherwise")
    func uploadProgress() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        let big = try f.file("big.bin", String(repeating: "x", count: 3 << 20))
        let tty = f.shell(console: BufferConsole(isTerminal: true, isInteractive: true))
        #expect(await tty.execute(["upload", big, "--to", "p/"]).status == .ok)
        let drawn = tty.console.statusLines.filter { !$0.isEmpty }
        #expect(!drawn.isEmpty, "no progress on a terminal")
        #expect(drawn.last?.contains("1/1") == true, "\(drawn)")
        #expect(drawn.last?.contains("100%") == true, "\(drawn)")
        #expect(!tty.console.errorOutput.contains("uploaded p/big.bin"))

        let plain = f.shell()
        #expect(await plain.execute(["upload", try f.file("small.txt", "s"), "--to", "p/"]).status == .ok)
        #expect(plain.console.statusLines.isEmpty)
        #expect(plain.console.errorOutput.contains("uploaded p/small.txt"))
    }
}
