import BackendSupport
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

@testable import StorageModule

/// Issue 12.9: a download's local path comes only from the key's validated last segment, inside
/// the chosen destination; keys ending in `/`, `.`/`..` names and the like are refused.
@Suite struct DownloadPathTests {
    @Test func fileNameIsTheValidatedLastSegment() throws {
        #expect(try DownloadTarget.fileName(forKey: "fichas/foto 1.jpg").get() == "foto 1.jpg")
        #expect(try DownloadTarget.fileName(forKey: "plain.txt").get() == "plain.txt")
        #expect(try DownloadTarget.fileName(forKey: "a//b.txt").get() == "b.txt")
        #expect(try DownloadTarget.fileName(forKey: "../../x.txt").get() == "x.txt")
        #expect(try DownloadTarget.fileName(forKey: "...").get() == "...")
        #expect(DownloadTarget.fileName(forKey: "../../../../tmp/x/") == .failure(.empty))
        #expect(DownloadTarget.fileName(forKey: "fichas/") == .failure(.empty))
        #expect(DownloadTarget.fileName(forKey: "a//") == .failure(.empty))
        #expect(DownloadTarget.fileName(forKey: "/") == .failure(.empty))
        #expect(DownloadTarget.fileName(forKey: "a/..") == .failure(.dotSegment))
        #expect(DownloadTarget.fileName(forKey: ".") == .failure(.dotSegment))
        #expect(DownloadTarget.fileName(forKey: "a/b\u{0}c") == .failure(.nulByte))
        #expect(DownloadTarget.fileName(forKey: "a/" + String(repeating: "é", count: 128)) == .failure(.tooLong(256)))
    }

    @Test func localPathStaysInsideTheDestination() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-dl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try DownloadTarget.localPath(forKey: "../../etc/passwd", destination: dir) == dir + "/passwd")
        #expect(try DownloadTarget.localPath(forKey: "a/b.txt", destination: dir + "/") == dir + "/b.txt")
        #expect(try DownloadTarget.localPath(forKey: "a/b.txt", destination: nil) == "b.txt")
        // An explicit file DEST is used as given, whatever the key.
        #expect(try DownloadTarget.localPath(forKey: "../../tmp/x/", destination: dir + "/copy.bin") == dir + "/copy.bin")
        #expect(throws: CommandError.self) { try DownloadTarget.localPath(forKey: "../../tmp/x/", destination: dir) }
        #expect(throws: CommandError.self) { try DownloadTarget.localPath(forKey: "../../tmp/x/", destination: nil) }
        #expect(throws: CommandError.self) { try DownloadTarget.localPath(forKey: "a/..", destination: dir) }
        // A DEST written as a folder must be one.
        #expect(throws: CommandError.self) { try DownloadTarget.localPath(forKey: "a/b.txt", destination: dir + "/nope/") }
    }

    /// A real object whose key ends in `/` (S3 and R2 allow it): refused with the hint, nothing
    /// written; with an explicit DEST it downloads.
    @Test(arguments: [Backend.postgres])
    func keyEndingInSlashIsRefused(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let source = try f.file("payload.bin", "crafted")
        try await f.store.upload(source, to: "crafted/folder/", contentType: "application/octet-stream", progress: nil)
        let dest = f.dir.appendingPathComponent("down").path
        try FileManager.default.createDirectory(atPath: dest, withIntermediateDirectories: true)
        let shell = f.shell()
        let refused = await shell.execute(["download", "crafted/folder/", dest])
        #expect(refused.status == .refused, "\(refused.err)")
        #expect(refused.err.contains("download KEY ./name"), "\(refused.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dest).isEmpty)
        let named = await shell.execute(["download", "crafted/folder/", dest + "/copy.bin"])
        #expect(named.status == .ok, "\(named.err)")
        // (SeaweedFS keeps a key ending in `/` as a folder marker: its size is whatever HEAD says.)
        let size = try #require(try await f.store.head("crafted/folder/")).size
        #expect((try FileManager.default.attributesOfItem(atPath: dest + "/copy.bin")[.size] as? Int).map(Int64.init) == size)
    }
}
