import BackendSupport
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

@testable import S3
@testable import StorageModule

/// Issue 12.13: a multipart upload killed half-way (`kill -9`) stays in the bucket, its parts
/// billed. The S3 client lists such uploads (ListMultipartUploads), `doctor` reports those older
/// than a day and `upload --abort-stale` aborts them. On SeaweedFS.
@Suite struct IncompleteUploadTests {
    @Test func listedReportedAndAborted() async throws {
        guard let f = try await StorageFixture.make(.postgres) else { return }
        let client = try #require(f.store as? S3Client)
        // What a killed upload leaves: created, never completed nor aborted.
        let killed = try await client.createMultipart(key: "big/killed video.mp4", contentType: "video/mp4")
        let other = try await client.createMultipart(key: "other/x.bin", contentType: "application/octet-stream")
        let listed = try await client.incompleteUploads(prefix: "")
        #expect(Set(listed.map(\.uploadID)) == [killed, other])
        #expect(Set(listed.map(\.key)) == ["big/killed video.mp4", "other/x.bin"])
        #expect(listed.allSatisfy { $0.initiated != nil })
        #expect(try await client.incompleteUploads(prefix: "big/").map(\.uploadID) == [killed])

        let shell = f.shell()
        // Just started: not stale for doctor nor for the default --older-than 1d.
        let fresh = await shell.execute(["doctor"])
        #expect(fresh.out.contains("[ok  ] incomplete uploads"), "\(fresh.out)")
        #expect(fresh.out.contains("2 incomplete multipart uploads, all started less than a day ago"), "\(fresh.out)")
        let none = await shell.execute(["upload", "--abort-stale", "--json"])
        #expect(none.status == .ok)
        #expect(jsonRows(none.out).isEmpty)
        #expect(try await client.incompleteUploads(prefix: "").count == 2)
        // SeaweedFS cannot back-date an upload, so age them by asking for "older than 0" seconds.
        let aborted = await shell.execute(["upload", "--abort-stale", "--older-than", "0", "--to", "big", "--json"])
        #expect(aborted.status == .ok, "\(aborted.err)")
        #expect(jsonRows(aborted.out).map { $0["status"] as? String } == ["aborted"])
        #expect(try await client.incompleteUploads(prefix: "").map(\.uploadID) == [other])
        #expect(await shell.execute(["upload", "--abort-stale", "x.txt"]).status == .usage)
    }

    @Test func staleRule() {
        let now = Date()
        let old = IncompleteUpload(key: "k", uploadID: "1", initiated: now.addingTimeInterval(-90_000))
        let young = IncompleteUpload(key: "k", uploadID: "2", initiated: now.addingTimeInterval(-60))
        let undated = IncompleteUpload(key: "k", uploadID: "3", initiated: nil)
        let cutoff = now.addingTimeInterval(-86_400)
        #expect([old, young, undated].filter { StaleUploads.isStale($0, before: cutoff) }.map(\.uploadID) == ["1"])
    }
}
