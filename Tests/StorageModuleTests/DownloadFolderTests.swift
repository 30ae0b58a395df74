import BackendSupport
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

@testable import StorageModule

/// `download -r FOLDER DEST` (issue 15/16): the folder keeps its structure under DEST, through
/// the same name rule as a single download, never outside DEST, in parallel.
@Suite struct DownloadFolderTests {
    @Test func relativePathKeepsTheFolderNameAndRefusesUnsafeSegments() throws {
        #expect(try DownloadTarget.relativePath(forKey: "media/fotos/a/b.jpg", under: "media/fotos/").get() == ["fotos", "a", "b.jpg"])
        #expect(try DownloadTarget.relativePath(forKey: "fotos/b.jpg", under: "fotos/").get() == ["fotos", "b.jpg"])
        #expect(try DownloadTarget.relativePath(forKey: "x/y.txt", under: "").get() == ["x", "y.txt"])
        #expect(DownloadTarget.relativePath(forKey: "m/f/../../../etc/x", under: "m/f/") == .failure(.dotSegment))
        #expect(DownloadTarget.relativePath(forKey: "m/f/a//b", under: "m/f/") == .failure(.empty))
        #expect(DownloadTarget.relativePath(forKey: "m/f/dir/", under: "m/f/") == .failure(.empty))
        #expect(DownloadTarget.relativePath(forKey: "m/f/./x", under: "m/f/") == .failure(.dotSegment))
    }

    private func put(_ f: StorageFixture, _ key: String, _ text: String) async throws {
        let source = try f.file("src-\(UUID().uuidString)", text)
        _ = try await f.store.upload(source, to: key, contentType: "text/plain", progress: nil)
    }

    private func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: Backend.allCases)
    func folderComesDownWithItsStructure(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        for (key, text) in [("media/fotos/a.txt", "A"), ("media/fotos/sub/b.txt", "B"), ("media/fotos/sub/deep/c.txt", "C"),
            ("media/other.txt", "not in the folder"), ("media/fotosx/d.txt", "not in the folder either")]
        {
            try await put(f, key, text)
        }
        let dest = f.dir.appendingPathComponent("down").path
        try FileManager.default.createDirectory(atPath: dest, withIntermediateDirectories: true)
        let shell = f.shell()
        let r = await shell.execute(["download", "-r", "media/fotos", dest, "--jobs", "3"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(read(dest + "/fotos/a.txt") == "A")
        #expect(read(dest + "/fotos/sub/b.txt") == "B")
        #expect(read(dest + "/fotos/sub/deep/c.txt") == "C")
        let all = try FileManager.default.subpathsOfDirectory(atPath: dest).sorted()
        #expect(all == ["fotos", "fotos/a.txt", "fotos/sub", "fotos/sub/b.txt", "fotos/sub/deep", "fotos/sub/deep/c.txt"])
        // Existing files: refused by default, left alone with --skip-existing, replaced with --force.
        try Data("local".utf8).write(to: URL(fileURLWithPath: dest + "/fotos/a.txt"))
        let again = await shell.execute(["download", "-r", "media/fotos/", dest])
        #expect(again.status == .refused)  // all three exist locally now
        #expect(again.err.contains("local file '\(dest)/fotos/a.txt' already exists"), "\(again.err)")
        #expect(read(dest + "/fotos/a.txt") == "local")
        let skip = await shell.execute(["download", "-r", "media/fotos", dest, "--skip-existing", "--csv"])
        #expect(skip.status == .ok)
        #expect(skip.out.contains("media/fotos/a.txt,\(dest)/fotos/a.txt,1,skipped"), "\(skip.out)")
        #expect(read(dest + "/fotos/a.txt") == "local")
        let force = await shell.execute(["download", "-r", "media/fotos", dest, "--force"])
        #expect(force.status == .ok)
        #expect(read(dest + "/fotos/a.txt") == "A")
        // DEST must be a folder that exists.
        let missing = await shell.execute(["download", "-r", "media/fotos", dest + "/nope"])
        #expect(missing.status == .failure)
        #expect(missing.err.contains("mkdir -p"))
    }

    /// Crafted keys (moto keeps them byte for byte, as R2 does) and a symlink planted in DEST:
    /// nothing is written outside DEST; the safe keys still come down.
    @Test(arguments: [Backend.moto, .local])
    func hostileKeysAndSymlinksNeverWriteOutsideDest(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let crafted = ["evil/../../escaped.txt", "evil/a//b.txt", "evil/dir/", "evil/link/x.txt", "evil/ok.txt"]
        var stored: [String] = []
        for key in crafted {
            // A store may refuse a crafted key outright (the local folder store does for some).
            if (try? await put(f, key, "payload")) != nil { stored.append(key) }
        }
        #expect(stored.contains("evil/ok.txt") && stored.contains("evil/link/x.txt"))
        let root = f.dir.appendingPathComponent("jail").path
        let dest = root + "/dest"
        let outside = root + "/outside"
        try FileManager.default.createDirectory(atPath: dest + "/evil", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dest + "/evil/link", withDestinationPath: outside)
        let r = await f.shell().execute(["download", "-r", "evil", dest])
        #expect(r.status == .partial, "\(r.err)")
        #expect(read(dest + "/evil/ok.txt") == "payload")
        #expect(r.err.contains("'\(dest)/evil/link' cannot be used as a folder"), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["dest", "outside"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dest + "/evil").sorted() == ["link", "ok.txt"])
    }
}
