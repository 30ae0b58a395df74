import Foundation
@testable import LocalStore
import ObjectStore
import R2STestSupport
import Testing
import UserFacing

@Suite struct LocalFolderStoreTests {
    /// A fresh folder per test, removed afterwards.
    final class Folder {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.path + "/r2s-local-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test("the ObjectStore contract", arguments: ObjectStoreContract.Check.allCases)
    func contract(_ check: ObjectStoreContract.Check) async throws {
        let folder = try Folder()
        let store = try LocalFolderStore(root: folder.path + "/bucket")
        try await ObjectStoreContract.run(check, on: store, scratch: folder.path, prefix: "run/")
        // Whatever the check did, it cleaned up: nothing of ours is left but the empty root.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/bucket")
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test("ordinary keys are ordinary files; odd segments get a percent spelling")
    func layout() async throws {
        let folder = try Folder()
        let store = try LocalFolderStore(root: folder.path)
        let src = folder.path + "/src"
        try Data("x".utf8).write(to: URL(fileURLWithPath: src))
        for key in ["fichas/a b.pdf", "100%.txt", "a//b", "./x", "trailing/"] {
            try await store.upload(src, to: key, contentType: "text/plain", progress: nil)
        }
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: folder.path + "/fichas/a b.pdf"))
        #expect(fm.fileExists(atPath: folder.path + "/100%25.txt"))
        #expect(fm.fileExists(atPath: folder.path + "/a/%/b"))
        #expect(fm.fileExists(atPath: folder.path + "/%2E/x"))
        #expect(fm.fileExists(atPath: folder.path + "/trailing/%"))
        #expect(LocalKeyCodec.components(of: String(repeating: "y", count: 500)).map(\.utf8.count) == [242, 242, 20])
    }

    @Test("temp files, sidecars and foreign names never list; files dropped in by hand do")
    func ignoresOwnFiles() async throws {
        let folder = try Folder()
        let store = try LocalFolderStore(root: folder.path)
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder.path + "/docs/%meta", withIntermediateDirectories: true)
        try Data("tmp".utf8).write(to: URL(fileURLWithPath: folder.path + "/docs/%tmp-0123456789abcdef"))
        try Data("junk".utf8).write(to: URL(fileURLWithPath: folder.path + "/docs/%meta/junk"))
        try Data("bad".utf8).write(to: URL(fileURLWithPath: folder.path + "/docs/100%.jpg"))
        try Data("by hand".utf8).write(to: URL(fileURLWithPath: folder.path + "/docs/manual.PNG"))
        let listed = try await store.listAll(ListOptions(prefix: "docs/"))
        #expect(listed.map(\.key) == ["docs/manual.PNG"])
        #expect(listed.first?.etag == nil, "no sidecar: no ETag in listings")
        let head = try #require(try await store.head("docs/manual.PNG"))
        #expect(head.contentType == "image/png")
        #expect(head.etag == MD5.hex(of: Array("by hand".utf8)), "head computes the MD5")
    }

    @Test("symlinked files list; symlinked folders are not followed (no loops)")
    func symlinks() async throws {
        let folder = try Folder()
        let store = try LocalFolderStore(root: folder.path + "/b")
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder.path + "/b/d", withIntermediateDirectories: true)
        try Data("real".utf8).write(to: URL(fileURLWithPath: folder.path + "/real.txt"))
        try fm.createSymbolicLink(atPath: folder.path + "/b/d/link.txt", withDestinationPath: folder.path + "/real.txt")
        try fm.createSymbolicLink(atPath: folder.path + "/b/d/loop", withDestinationPath: folder.path + "/b")
        try fm.createSymbolicLink(atPath: folder.path + "/b/d/dangling", withDestinationPath: folder.path + "/nothing")
        let listed = try await store.listAll()
        #expect(listed.map(\.key) == ["d/link.txt"])
        #expect(listed.first?.size == 4)
        let grouped = try await store.listAll(ListOptions(delimiter: "/"))
        #expect(grouped.isEmpty)
        var prefixes: [String] = []
        for try await page in store.list(ListOptions(delimiter: "/")) { prefixes += page.commonPrefixes }
        #expect(prefixes == ["d/"])
    }

    @Test("a file edited behind r2s's back gets a fresh ETag and a guessed type")
    func staleSidecar() async throws {
        let folder = try Folder()
        let store = try LocalFolderStore(root: folder.path)
        let src = folder.path + "/src"
        try Data("one".utf8).write(to: URL(fileURLWithPath: src))
        try await store.upload(src, to: "x.bin", contentType: "text/plain", progress: nil)
        #expect(try await store.head("x.bin")?.contentType == "text/plain")
        try Data("changed by hand".utf8).write(to: URL(fileURLWithPath: folder.path + "/x.bin"))
        let head = try #require(try await store.head("x.bin"))
        #expect(head.etag == MD5.hex(of: Array("changed by hand".utf8)))
        #expect(head.contentType == "application/octet-stream")
    }

    @Test("presign, bad keys and missing objects give typed errors")
    func errors() async throws {
        let folder = try Folder()
        let store = try LocalFolderStore(root: folder.path)
        #expect(throws: LocalFolderStoreError(.cannotPresign, key: "a")) {
            try store.presign("a", method: "GET", expires: 60)
        }
        #expect(LocalFolderStoreError(.cannotPresign).userMessage == "the local profile has no URLs to presign")
        await #expect(throws: LocalFolderStoreError(.invalidKey, key: "")) { _ = try await store.head("") }
        let long = String(repeating: "k", count: 1025)
        await #expect(throws: LocalFolderStoreError(.invalidKey, key: long)) {
            try await store.upload(folder.path, to: long, contentType: "x/y", progress: nil)
        }
        await #expect(throws: LocalFolderStoreError(.notFound, key: "nope")) {
            try await store.download("nope", to: folder.path + "/out", range: nil, progress: nil)
        }
        await #expect(throws: LocalFolderStoreError.self) {
            try await store.upload(folder.path + "/no-such-file", to: "k", contentType: "x/y", progress: nil)
        }
        #expect(try await store.listAll().isEmpty, "a failed upload leaves nothing behind")
        // Batch deletes report per-key failures and still delete the rest.
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/src"))
        try await store.upload(folder.path + "/src", to: "ok", contentType: "text/plain", progress: nil)
        let failures = try await store.delete(keys: ["", "ok", long])
        #expect(failures.map(\.key) == ["", long])
        #expect(failures.allSatisfy { $0.code == "InvalidKey" })
        #expect(try await store.head("ok") == nil)
    }

    @Test("downloads replace the destination atomically and leave no temp file")
    func downloadAtomic() async throws {
        let folder = try Folder()
        let store = try LocalFolderStore(root: folder.path + "/b")
        let src = folder.path + "/src"
        try Data("new content".utf8).write(to: URL(fileURLWithPath: src))
        try await store.upload(src, to: "k", contentType: "text/plain", progress: nil)
        let out = folder.path + "/out.txt"
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        try await store.download("k", to: out, range: nil, progress: nil)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "new content")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["b", "out.txt", "src"])
    }
}
