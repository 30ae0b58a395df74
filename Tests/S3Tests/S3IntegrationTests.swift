import Digests
import Foundation
import HTTP
import ObjectStore
import R2STestSupport
import S3
import Synchronization
import Testing
import UserFacing

/// Against the real SeaweedFS server (scripts/servers.sh). Each test has its own bucket.
@Suite struct S3IntegrationTests {
    @Test func putHeadGetRangeDelete() async throws {
        guard let s3 = try await S3Fixture.client("basic") else { return }
        let content = S3Fixture.bytes(10_000)
        let source = try S3Fixture.file(content), target = S3Fixture.temporaryPath()
        defer { S3Fixture.remove(source, target) }

        let put = try await s3.upload(source, to: "dir/a.bin", contentType: "application/x-test", progress: nil)
        let md5 = Digests.hex(try Digests.md5(content))
        #expect(put.etag == md5 && put.size == 10_000)

        let head = try #require(try await s3.head("dir/a.bin"))
        #expect(head.size == 10_000 && head.etag == md5 && head.contentType == "application/x-test")
        #expect(head.lastModified.map { abs($0.timeIntervalSinceNow) < 600 } == true)

        let got = try await s3.download("dir/a.bin", to: target, range: nil, progress: nil)
        #expect(try S3Fixture.read(target) == content && got.size == 10_000)

        let ranged = try await s3.download("dir/a.bin", to: target, range: 100...149, progress: nil)
        #expect(try S3Fixture.read(target) == Array(content[100...149]))
        #expect(ranged.size == 10_000)  // the object's size, not the range's

        try await s3.delete("dir/a.bin")
        #expect(try await s3.head("dir/a.bin") == nil)
        try await s3.delete("dir/a.bin")  // deleting a missing key is fine
    }

    @Test func emptyFileRoundTrip() async throws {
        guard let s3 = try await S3Fixture.client("empty") else { return }
        let source = try S3Fixture.file([]), target = S3Fixture.temporaryPath()
        defer { S3Fixture.remove(source, target) }
        let put = try await s3.upload(source, to: "empty", contentType: "text/plain", progress: nil)
        #expect(put.etag == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(try await s3.head("empty")?.size == 0)
        try await s3.download("empty", to: target, range: nil, progress: nil)
        #expect(try S3Fixture.read(target).isEmpty)
    }

    @Test func missingObjectErrors() async throws {
        guard let s3 = try await S3Fixture.client("missing") else { return }
        let target = S3Fixture.temporaryPath()
        let error = await #expect(throws: S3Error.self) {
            try await s3.download("no/such key", to: target, range: nil, progress: nil)
        }
        #expect(error?.code == .noSuchKey && error?.userMessage.contains("no/such key") == true)
        #expect(!FileManager.default.fileExists(atPath: target))
        // No temporary file is left next to the target either.
        let dir = (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(base) }.isEmpty)
    }

    @Test func paginationWithTinyPages() async throws {
        guard let s3 = try await S3Fixture.client("pages") else { return }
        let source = try S3Fixture.file([1, 2, 3])
        defer { S3Fixture.remove(source) }
        let keys = ["k1", "k2", "k3", "k4", "k5", "k6", "k7"]
        for k in keys { try await s3.upload(source, to: k, contentType: "text/plain", progress: nil) }

        var sizes: [Int] = []
        var listed: [String] = []
        for try await page in s3.list(ListOptions(pageSize: 2)) {
            sizes.append(page.objects.count)
            listed += page.objects.map(\.key)
        }
        #expect(listed == keys)
        #expect(sizes == [2, 2, 2, 1])
        #expect(try await s3.listAll(ListOptions(startAfter: "k5", pageSize: 1)).map(\.key) == ["k6", "k7"])
        #expect(try await s3.listAll(ListOptions(prefix: "k3")).map(\.key) == ["k3"])
        #expect(try await s3.listAll(ListOptions(prefix: "zz")).isEmpty)
    }

    @Test func delimiterPagesAreShortButTheListingCompletes() async throws {
        guard let s3 = try await S3Fixture.client("delim") else { return }
        let source = try S3Fixture.file([9])
        defer { S3Fixture.remove(source) }
        let keys = ["a/1", "a/2", "b", "c/1", "c/2", "d", "e/x/1", "f"]
        for k in keys { try await s3.upload(source, to: k, contentType: "text/plain", progress: nil) }
        var objects: [String] = []
        var prefixes: [String] = []
        var shortPages = 0
        for try await page in s3.list(ListOptions(delimiter: "/", pageSize: 2)) {
            objects += page.objects.map(\.key)
            prefixes += page.commonPrefixes
            if page.objects.count < 2 { shortPages += 1 }
        }
        #expect(objects == ["b", "d", "f"])
        #expect(prefixes == ["a/", "c/", "e/"])
        #expect(shortPages >= 2)  // pages holding prefixes carry fewer objects, yet listing went on
    }

    @Test func multipartWithFiveMiBParts() async throws {
        guard let s3 = try await S3Fixture.client("multi", tune: {
            $0.multipartThreshold = 5 << 20
            $0.partSize = 5 << 20
        }) else { return }
        let content = S3Fixture.bytes((12 << 20) + 12_345)
        let source = try S3Fixture.file(content), target = S3Fixture.temporaryPath()
        defer { S3Fixture.remove(source, target) }
        let progress = ProgressRecorder()
        let info = try await s3.upload(source, to: "big/file.bin", contentType: "video/mp4", progress: progress.record)
        #expect(info.etag?.hasSuffix("-3") == true)
        #expect(progress.maximum == Int64(content.count))
        let head = try #require(try await s3.head("big/file.bin"))
        #expect(head.size == Int64(content.count) && head.contentType == "video/mp4" && head.etag?.hasSuffix("-3") == true)
        try await s3.download("big/file.bin", to: target, range: nil, progress: nil)
        #expect(try S3Fixture.read(target) == content)
        #expect(try await s3.pendingMultipartUploads().isEmpty)
    }

    /// Keys R2 keeps verbatim (SeaweedFS rewrites `//`, a leading `/`, `./`, `../` and a
    /// trailing `/`, so those stay out). The 1 KiB key is split into segments because SeaweedFS,
    /// being filesystem-backed, answers KeyTooLongError for a single 1,024-byte segment.
    static let weirdKeys: [String] = [
        "with space.txt", "plus+sign.txt", "percent 100%.txt", "literal %20 here", "hash#tag", "question?.txt",
        "amp&er=sand;semi,comma", "caf\u{E9} nfc", "cafe\u{301} nfd", "emoji 😀/🎉.png", "tilde~!'()*@$",
        "ação/日本語/ファイル", "a:b", "\u{00A0}nbsp", "<xml>&amp;\"quote\"'apos'",
        "long/" + String(repeating: "x", count: 200) + "/" + String(repeating: "y", count: 200) + "/"
            + String(repeating: "z", count: 200) + "/" + String(repeating: "w", count: 200) + "/"
            + String(repeating: "v", count: 211) + "-end",
    ]

    @Test func weirdKeysRoundTrip() async throws {
        guard let s3 = try await S3Fixture.client("weird") else { return }
        #expect(Self.weirdKeys.last?.utf8.count == 1024)
        let target = S3Fixture.temporaryPath()
        defer { S3Fixture.remove(target) }
        for key in Self.weirdKeys {
            let source = try S3Fixture.file(Array(key.utf8))
            defer { S3Fixture.remove(source) }
            try await s3.upload(source, to: key, contentType: "text/plain; charset=utf-8", progress: nil)
        }
        // NFC and NFD spellings are different byte strings: compare bytes, not Strings.
        let listed = try await s3.listAll(ListOptions(pageSize: 3)).map { Array($0.key.utf8) }
        #expect(Set(listed) == Set(Self.weirdKeys.map { Array($0.utf8) }))
        #expect(listed.count == Self.weirdKeys.count)
        for key in Self.weirdKeys {
            let head = try await s3.head(key)
            #expect(head?.size == Int64(key.utf8.count), "\(key)")
            try await s3.download(key, to: target, range: nil, progress: nil)
            #expect(try S3Fixture.read(target) == Array(key.utf8), "\(key)")
            try await s3.copy(from: key, to: "copy/" + key.prefix(100))
        }
        let copies = try await s3.listAll(ListOptions(prefix: "copy/"))
        #expect(copies.count == Self.weirdKeys.count)
        let failures = try await s3.delete(keys: Self.weirdKeys + copies.map(\.key))
        #expect(failures.isEmpty)
        #expect(try await s3.listAll().isEmpty)
    }

    @Test func deleteObjectsInBatchesOverAThousand() async throws {
        guard let s3 = try await S3Fixture.client("batch") else { return }
        let source = try S3Fixture.file([0])
        defer { S3Fixture.remove(source) }
        let keys = (0..<1205).map { String(format: "many/%05d & <%d>", $0, $0 % 7) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in stride(from: 0, to: keys.count, by: 100) {
                group.addTask {
                    for k in keys[chunk..<min(chunk + 100, keys.count)] {
                        try await s3.upload(source, to: k, contentType: "application/octet-stream", progress: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await s3.listAll().count == 1205)
        let failures = try await s3.delete(keys: keys + ["never/existed"])
        #expect(failures.isEmpty)
        #expect(try await s3.listAll().isEmpty)
        #expect(try await s3.delete(keys: []).isEmpty)
    }

    @Test func copyKeepsContentTypeAndReportsMissingSource() async throws {
        guard let s3 = try await S3Fixture.client("copy") else { return }
        let source = try S3Fixture.file(Array("hello".utf8)), target = S3Fixture.temporaryPath()
        defer { S3Fixture.remove(source, target) }
        try await s3.upload(source, to: "src/a+b é.txt", contentType: "text/markdown", progress: nil)
        try await s3.copy(from: "src/a+b é.txt", to: "dst/c d.txt")
        let head = try #require(try await s3.head("dst/c d.txt"))
        #expect(head.contentType == "text/markdown" && head.size == 5)
        try await s3.download("dst/c d.txt", to: target, range: nil, progress: nil)
        #expect(try S3Fixture.read(target) == Array("hello".utf8))
        let error = await #expect(throws: S3Error.self) { try await s3.copy(from: "src/nope", to: "dst/x") }
        #expect(error?.code == .noSuchKey && error?.key == "src/nope")
    }

    @Test func presignedURLsWorkWithAPlainHTTPClient() async throws {
        guard let s3 = try await S3Fixture.client("presign") else { return }
        let http = try HTTPClient()
        let source = try S3Fixture.file(Array("presigned body".utf8))
        defer { S3Fixture.remove(source) }
        let key = "p/my file+1 ü.txt"
        try await s3.upload(source, to: key, contentType: "text/plain", progress: nil)
        let get = try await http.send(HTTPRequest(method: "GET", url: try s3.presign(key, method: "GET", expires: 300)))
        #expect(get.status == 200 && get.text == "presigned body")

        let put = try await http.send(HTTPRequest(
            method: "PUT", url: try s3.presign("p/uploaded", method: "PUT", expires: 60), body: .bytes([1, 2, 3])))
        #expect(put.status == 200)
        #expect(try await s3.head("p/uploaded")?.size == 3)

        let delete = try await http.send(HTTPRequest(method: "DELETE", url: try s3.presign("p/uploaded", method: "DELETE", expires: 60)))
        #expect(delete.isSuccess)
        #expect(try await s3.head("p/uploaded") == nil)

        // A tampered presigned URL is refused.
        let tampered = try s3.presign(key, method: "GET", expires: 300).replacingOccurrences(of: "X-Amz-Expires=300", with: "X-Amz-Expires=301")
        #expect(try await http.send(HTTPRequest(method: "GET", url: tampered)).status == 403)
        #expect(throws: S3Error.self) { _ = try s3.presign(key, method: "GET", expires: 604_801) }
        #expect(throws: S3Error.self) { _ = try s3.presign(key, method: "POST", expires: 60) }
    }
}

/// Records the largest progress value reported.
final class ProgressRecorder: Sendable {
    private let value = Mutex<Int64>(0)
    var maximum: Int64 { value.withLock { $0 } }
    var record: TransferProgress { { done, _ in self.value.withLock { $0 = max($0, done) } } }
}
