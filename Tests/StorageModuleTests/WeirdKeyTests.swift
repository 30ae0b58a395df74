import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// Keys with spaces, `+`, `%`, `#`, `?`, accents in NFC and NFD, emoji and 1 KiB length through
/// every command, on every backend.
@Suite struct WeirdKeyTests {
    /// Local file names (each ≤ 255 bytes) and the folder they go to.
    static let names = [
        "foto + legenda 100%.jpg", "50%off #1?.txt", "a&b=c;d.pdf", "ação.txt",
        "ac\u{0327}a\u{0303}o nfd.txt",  // NFD on disk: the key is written in NFC
        "emoji 🎉🚀.png", "100%20.txt",
    ]

    @Test(arguments: Backend.allCases)
    func everyCommandHandlesWeirdKeys(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let shell = f.shell()
        let paths = try Self.names.map { try f.file($0, "data of \($0)") }
        let up = await shell.execute(["upload"] + paths + ["--to", "estranho/pasta com espaço", "--json"])
        #expect(up.status == .ok, "\(up.err)")
        let keys = Self.names.map { KeyMapping.canonicalKey("estranho/pasta com espaço/" + $0) }
        #expect(try await Set(f.keys()) == Set(keys))
        #expect(Set(jsonRows(up.out).compactMap { $0["key"] as? String }) == Set(keys))

        let listed = jsonRows(await shell.execute(["ls", "estranho/pasta com espaço", "--json"]).out)
        #expect(Set(listed.compactMap { $0["key"] as? String }) == Set(keys))
        #expect(listed.allSatisfy { $0["status"] as? String == "ok" })

        let out = f.dir.appendingPathComponent("down").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for (name, key) in zip(Self.names, keys) {
            let show = try #require(json(await shell.execute(["show", key, "--json"]).out) as? [String: Any])
            #expect(show["key"] as? String == key)
            #expect((show["mismatches"] as? [String]) == [])
            let url = await shell.execute(["url", key]).out.trimmingCharacters(in: .newlines)
            #expect(url == f.mapping.url(for: key))
            // The url names the key again, and so does the raw spelling the original app wrote.
            #expect(f.mapping.resolve(url) == .key(key))
            // (A raw url with `%` + two hex digits names two candidate keys; the one that exists wins.)
            let raw = try #require(
                json(await shell.execute(["show", StorageFixture.publicBase + "/" + key, "--json"]).out) as? [String: Any])
            #expect(raw["key"] as? String == key, "raw url of \(key)")
            let d = await shell.execute(["download", key, out])
            #expect(d.status == .ok, "\(d.err)")
            let local = out + "/" + String(key.split(separator: "/").last ?? "")
            #expect(try String(contentsOfFile: local, encoding: .utf8) == "data of \(name)")
        }

        // The NFD spelling a Mac clipboard gives finds the NFC object.
        let nfd = "estranho/pasta com espac\u{0327}o/ac\u{0327}a\u{0303}o.txt"
        #expect(await shell.execute(["show", nfd]).status == .ok)

        // mv to another weird key, rm, restore.
        let from = keys[0]
        let to = "estranho/movido ? # % + é.jpg"
        let mv = await shell.execute(["mv", from, to])
        #expect(mv.status == .ok, "\(mv.err)")
        let moved = try #require(try await f.rows().first { $0.url == f.mapping.url(for: to) })
        #expect(moved.nome == "movido ? # % + é.jpg")
        #expect(await shell.execute(["rm", to, "--keep-object"]).status == .ok)
        #expect(await shell.execute(["restore", to]).status == .ok)
        let rm = await shell.execute(["rm"] + keys.dropFirst() + ["--yes"])
        #expect(rm.status == .ok, "\(rm.err)")
        #expect(try await f.keys() == [to])
        #expect(try await f.rows().filter { $0.deletedAt == nil }.map(\.nome) == ["movido ? # % + é.jpg"])
    }

    @Test(arguments: Backend.allCases)
    func oneKibibyteKey(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let shell = f.shell()
        // Four 200-byte folders + a 200-byte name + slashes = 1,004 bytes (names stay under NAME_MAX).
        let folder = (0..<4).map { String(repeating: Character(String($0)), count: 200) }.joined(separator: "/")
        let name = String(repeating: "n", count: 196) + ".txt"
        let key = folder + "/" + name
        #expect(key.utf8.count == 1004)
        let path = try f.file(name, "long")
        #expect(await shell.execute(["upload", path, "--to", folder]).status == .ok)
        #expect(try await f.keys() == [key])
        #expect(jsonRows(await shell.execute(["ls", "--json"]).out).first?["status"] as? String == "ok")
        #expect(await shell.execute(["show", key]).status == .ok)
        // 21 more bytes of prefix push the key past 1,024: refused before anything is sent.
        let tooLong = await shell.execute(["upload", path, "--to", folder + "/" + String(repeating: "x", count: 20)])
        #expect(tooLong.status == .usage)
        #expect(tooLong.err.contains("1024"))
        #expect(await shell.execute(["rm", key]).status == .ok)
        #expect(try await f.keys().isEmpty)
    }
}
