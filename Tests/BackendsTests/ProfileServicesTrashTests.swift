@testable import Backends
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import S3
import Services
import Testing

/// The production wiring of the trash (issue 20): which store it is, and that its copies go
/// and come back on real S3 servers (SeaweedFS, moto) and on the local folder.
@Suite struct ProfileServicesTrashTests {
    private func context(_ values: [String: String], name: String = "p") -> ShellContext {
        .testing(values, name: name, folder: "/tmp/r2s-backends-trash-\(UInt64.random(in: 0...UInt64.max))")
    }

    /// Puts `text` at `key` through `store` (a temp file, uploaded).
    private func put(_ store: any ObjectStore, _ key: String, _ text: String) async throws {
        let path = NSTemporaryDirectory() + "r2s-trash-\(UUID().uuidString)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await store.upload(path, to: key, contentType: "text/plain", progress: nil)
    }

    /// Copies `key` into the trash, deletes it, brings it back; checks bytes and type.
    private func roundTrip(_ trash: Trash, _ main: any ObjectStore, key: String) async throws {
        try await put(main, key, "contents of \(key)")
        let entry = try await trash.put(key, rowID: UUID(), at: Date())
        #expect(try await trash.store.head(entry.trashKey) != nil)
        try await main.delete(key)
        #expect(try await main.head(key) == nil)
        #expect(try await trash.entries(of: key).map(\.trashKey) == [entry.trashKey])
        try await trash.bringBack(entry, to: key)
        let back = try #require(try await main.head(key))
        #expect(back.contentType == "text/plain")
        let path = NSTemporaryDirectory() + "r2s-trash-dl-\(UUID().uuidString)"
        try await main.download(key, to: path, range: nil, progress: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "contents of \(key)")
        #expect(try await trash.remove([entry]).isEmpty)
        #expect(try await trash.entries(of: key).isEmpty)
    }

    @Test func theLocalProfileHasATrashFolderBesideItsBucket() async throws {
        let ctx = context([:], name: Profile.localName)
        let services = ProfileServices()
        let trash = try #require(try services.trash(ctx))
        #expect(trash.location == .folder(path: ProfileServices.localDirectory(ctx) + "/trash"))
        try await roundTrip(trash, try services.objectStore(ctx), key: "fichas/relatório 1.pdf")
        ctx.session.profile.values["R2S_TRASH"] = "none"
        #expect(try services.trash(ctx) == nil)
    }

    @Test(arguments: ["seaweedfs", "moto"])
    func aSeparateTrashBucketOnTheSameServer(_ server: String) async throws {
        guard let s3 = server == "moto" ? TestServers.moto() : TestServers.s3() else { return }
        let bucket = "r2s-trash-\(UUID().uuidString.prefix(8))".lowercased()
        var values = s3.settings(bucket: bucket)
        let ctx = context(values)
        let services = ProfileServices()
        #expect(try services.trash(ctx) == nil)  // an S3 profile has none until R2S_TRASH is set
        let main = try #require(try services.objectStore(ctx) as? S3Client)
        try await main.createBucket(bucket)
        try await services.createTrashBucket(bucket + "-trash", ctx)
        try await services.createTrashBucket(bucket + "-trash", ctx)  // an existing bucket of yours is fine
        values["R2S_TRASH"] = bucket + "-trash"
        ctx.session.profile.values = values
        let trash = try #require(try services.trash(ctx))
        #expect(trash.location == .bucket(name: bucket + "-trash", prefix: "", inMainBucket: false))
        // The main bucket is not wrapped: nothing of the trash can be in it.
        #expect(try services.objectStore(ctx) is S3Client)
        try await roundTrip(trash, try services.objectStore(ctx), key: "fichas/ação ~ 1.txt")
    }

    @Test func aTrashInsideTheMainBucketIsHiddenFromIt() async throws {
        guard let s3 = TestServers.moto() else { return }
        let bucket = "r2s-trash-\(UUID().uuidString.prefix(8))".lowercased()
        var values = s3.settings(bucket: bucket)
        values["R2S_TRASH"] = bucket + "/.trash"
        let refused = context(values)
        #expect(throws: ConfigError.self) { try ProfileServices().trash(refused) }
        values["R2S_TRASH_IN_BUCKET"] = "yes"
        let ctx = context(values)
        let services = ProfileServices()
        let store = try services.objectStore(ctx)
        #expect(store is TrashHidingStore)
        try await (try #require((store as? TrashHidingStore)?.base as? S3Client)).createBucket(bucket)
        let trash = try #require(try services.trash(ctx))
        try await put(store, "docs/a.txt", "a")
        _ = try await trash.put("docs/a.txt", rowID: nil, at: Date())
        #expect(try await store.listAll().map(\.key) == ["docs/a.txt"])
        #expect(try await trash.store.listAll().count == 2)
        #expect(ctx.isTrashKey(".trash/docs/a.txt~r2s-trash~2026-01-01T00:00:00Z~-"))
        #expect(!ctx.isTrashKey("docs/a.txt"))
        try await roundTrip(trash, store, key: "docs/b.txt")
    }
}
