import BackendSupport
import Backends
import CloudflareQueues
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import S3
import Services
import StorageModule
import SyncModule
import Testing

/// `rm` with a trash inside the bucket, then `watch` (issues 18 and 20), through the production
/// wiring (`ProfileServices`, the executable's trash rule): R2 publishes the trash copy's create
/// and the original's delete; the copy is never catalogued, the row stays soft-deleted.
@Suite(.serialized) struct WatchTrashE2ETests {
    @Test("rm with the trash on, then its two events through watch: the trash key gets no row, the deleted row stays soft-deleted")
    func trashEventsAreIgnored() async throws {
        try await WatchFixture.with(.postgres) { f in
            guard let s3 = TestServers.s3() else { return }
            let home = NSTemporaryDirectory() + "r2s-watch-trash-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: home) }
            var values = s3.settings(bucket: f.bucket).merging(f.queue.settings()) { _, new in new }
            values.merge([
                "R2_PUBLIC_URL": WatchFixture.base, "DATABASE_URL": f.pgURL, "R2S_TABLE": f.table,
                "R2S_TRASH": f.bucket + "/.trash", "R2S_TRASH_IN_BUCKET": "yes",
            ]) { _, new in new }
            let services = ProfileServices()
            let shell = TestShell(
                modules: [
                    StorageModule(services: services),
                    SyncModule(
                        services: services, queues: { try CloudflareQueue(settings: QueueSettings($0.profile)) },
                        ignoredKey: { $0.trashKeyRule() }),
                ],
                paths: Paths(config: home + "/config", state: home + "/state", data: home + "/data"),
                profile: Profile(name: "trashwatch", values: values, chosenBy: "test"))
            try await f.put(["t/a.pdf", "t/b.pdf"])
            let rows = try await f.rows(["t/a.pdf", "t/b.pdf"])
            let rm = await shell.execute(["rm", "t/a.pdf"])
            #expect(rm.status == .ok, "\(rm.err)")
            let trashKey = try #require(
                try await f.store.listAll().map(\.key).first { $0.hasPrefix(".trash/t/a.pdf~r2s-trash~") })
            // What R2 would publish for that rm: the copy's create, then the original's delete.
            try await f.queue.send([
                QueueDouble.event("CopyObject", bucket: f.bucket, key: trashKey),
                QueueDouble.event("DeleteObject", bucket: f.bucket, key: "t/a.pdf"),
            ])
            let watch = await shell.execute(["watch", "--drain", "--min-age", "0s", "--json"])
            #expect(watch.status == .ok, "\(watch.err)")
            // Both are acked and change nothing: the trash key is set aside by the trash rule (out
            // of scope), the delete finds its row already soft-deleted by rm (unchanged).
            #expect(watch.out.contains("\"pulled\":2,\"added\":0,\"removed\":0,\"restored\":0"), "\(watch.out)")
            #expect(watch.out.contains("\"unchanged\":1,\"duplicates\":0,\"out_of_scope\":1"), "\(watch.out)")
            let stats = try await f.queue.stats()
            #expect(stats["acked"] == 2, "\(stats)")
            let after = try await f.catalog.allRecords(RecordQuery(deleted: .include))
            #expect(!after.contains { $0.url.contains(".trash") }, "\(after.map(\.url))")
            #expect(after.count == 2)
            #expect(after.first { $0.id == rows[0].id }?.deletedAt != nil)
            #expect(after.first { $0.id == rows[1].id }?.deletedAt == nil)
            // And the copy is still there for `restore`.
            #expect(try await f.store.head(trashKey) != nil)
        }
    }
}
