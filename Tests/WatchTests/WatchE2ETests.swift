import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// `watch --drain` end to end: SeaweedFS, PostgreSQL (direct and through the PostgREST double)
/// and the Queues double. Events are enqueued the way R2 sends them; the catalog must end as
/// `sync` would leave it, whatever the duplicates and the order.
@Suite(.serialized) struct WatchE2ETests {
    @Test("duplicated, shuffled events, a delete before its create: the catalog ends as sync would leave it", arguments: Backend.seaweedFS)
    func converges(_ backend: Backend) async throws {
        try await WatchFixture.with(backend) { f in
            // Before: a row whose file will be deleted, a row soft-deleted long ago whose file comes back.
            try await f.put(["docs/keep.pdf", "docs/gone.pdf"])
            try await f.rows(["docs/keep.pdf", "docs/gone.pdf"])
            let back = try await f.rows(["docs/back.pdf"])
            _ = try await f.catalog.softDelete(ids: back.map(\.id), actor: nil)
            // The object must be clearly newer than the deletion (DeletionOrder's 5 s tolerance).
            try await Task.sleep(for: .seconds(6))
            // Changes made directly on the bucket, and their events.
            try await f.put(["docs/new 1.pdf", "docs/new+2.txt", "docs/back.pdf", "docs/flip.pdf"], bytes: 5)
            try await f.delete(["docs/gone.pdf"])
            try await f.put(["docs/temp.pdf"])
            try await f.delete(["docs/temp.pdf"])
            let b = f.bucket
            var events: [[String: Any]] = [
                // a delete delivered before the create it follows (flip exists at the end)
                QueueDouble.event("DeleteObject", bucket: b, key: "docs/flip.pdf"),
                QueueDouble.event("PutObject", bucket: b, key: "docs/flip.pdf"),
                QueueDouble.event("PutObject", bucket: b, key: "docs/new 1.pdf"),
                QueueDouble.event("CopyObject", bucket: b, key: "docs/new+2.txt"),
                QueueDouble.event("CompleteMultipartUpload", bucket: b, key: "docs/back.pdf"),
                QueueDouble.event("DeleteObject", bucket: b, key: "docs/gone.pdf"),
                // a create delivered after its delete (temp is gone at the end)
                QueueDouble.event("DeleteObject", bucket: b, key: "docs/temp.pdf"),
                QueueDouble.event("PutObject", bucket: b, key: "docs/temp.pdf"),
                QueueDouble.event("LifecycleDeletion", bucket: b, key: "docs/never-existed.pdf"),
            ]
            events.reverse()
            try await f.queue.control("config", ["duplicate": true, "shuffle": true])
            try await f.queue.send(events)
            let r = await f.shell().run("watch --drain --batch 4 --json")
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.out.contains("\"pulled\":18,\"added\":3,\"removed\":1,\"restored\":1"), "\(r.out)")
            #expect(r.err.contains("Record added: new 1.pdf"), "\(r.err)")
            let stats = try await f.queue.stats()
            #expect(stats["ready"] == 0 && stats["leased"] == 0 && stats["acked"] == 18, "\(stats)")
            let after = try await f.snapshot()
            // What sync would produce: a full sync now changes nothing.
            let sync = await f.shell().run("sync --min-age 0s --json")
            #expect(sync.out.contains("\"added\":0,\"removed\":0,\"restored\":0"), "\(sync.out)")
            #expect(try await f.snapshot() == after)
            #expect(try await f.activeURLs() == ["docs/back.pdf", "docs/flip.pdf", "docs/keep.pdf", "docs/new 1.pdf", "docs/new+2.txt"]
                .map { f.mapping.url(for: $0) }.sorted())
            // Delivered again (e.g. a lost ack): nothing rolls back.
            try await f.queue.send(events)
            let again = await f.shell().run("watch --drain --json")
            #expect(again.out.contains("\"added\":0,\"removed\":0,\"restored\":0,\"updated\":0"), "\(again.out)")
            #expect(try await f.snapshot() == after)
        }
    }

    @Test("applied but not acked (the ack never lands): the rerun converges and changes nothing more")
    func commitThenNoAck() async throws {
        try await WatchFixture.with(.postgres) { f in
            try await f.put(["a/one.pdf", "a/two.pdf"])
            try await f.queue.send(["a/one.pdf", "a/two.pdf"].map { QueueDouble.event("PutObject", bucket: f.bucket, key: $0) })
            try await f.queue.control("config", ["fail_next": [["status": 500, "count": 5, "verb": "ack"]]])
            let first = await f.shell().run("watch --drain --json")
            #expect(first.status == .partial, "\(first.err)")
            #expect(first.out.contains("\"added\":2"), "\(first.out)")
            #expect(first.out.contains("\"unacked\":2"), "\(first.out)")
            #expect(first.err.contains("Could not ack the batch"), "\(first.err)")
            var stats = try await f.queue.stats()
            #expect(stats["leased"] == 2 && stats["acked"] == 0, "\(stats)")
            let applied = try await f.snapshot()
            try await f.queue.control("expire", [:] as [String: Any])  // the visibility timeout passes
            let second = await f.shell().run("watch --drain --json")
            #expect(second.status == .ok, "\(second.err)")
            #expect(second.out.contains("\"pulled\":2,\"added\":0,\"removed\":0,\"restored\":0,\"updated\":0,\"unchanged\":2"), "\(second.out)")
            stats = try await f.queue.stats()
            #expect(stats["acked"] == 2 && stats["leased"] == 0, "\(stats)")
            #expect(try await f.snapshot() == applied)
        }
    }

    @Test("events for another bucket, outside the scope or in the trash are acked and change nothing")
    func foreignAndOutOfScope() async throws {
        try await WatchFixture.with(.postgres) { f in
            try await f.put(["fichas/a.pdf", "fichas2/b.pdf", "fichas/c.jpg", ".trash/fichas/d.pdf"])
            let before = try await f.snapshot()
            try await f.queue.send([
                QueueDouble.event("PutObject", bucket: "another-bucket", key: "fichas/a.pdf"),
                QueueDouble.event("PutObject", bucket: f.bucket, key: "fichas/c.jpg"),
                QueueDouble.event("PutObject", bucket: f.bucket, key: ".trash/fichas/d.pdf"),
            ])
            let r = await f.shell().run("watch --type application/pdf --drain --json")
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.out.contains("\"added\":0"), "\(r.out)")
            #expect(r.out.contains("\"out_of_scope\":2,\"foreign_bucket\":1"), "\(r.out)")
            try await f.queue.send([QueueDouble.event("PutObject", bucket: f.bucket, key: "fichas2/b.pdf")])
            let prefix = await f.shell().run("watch fichas --drain --json")
            #expect(prefix.out.contains("\"added\":0"), "\(prefix.out)")
            #expect(prefix.out.contains("\"out_of_scope\":1"), "\(prefix.out)")
            #expect(try await f.snapshot() == before)
            let stats = try await f.queue.stats()
            #expect(stats["acked"] == 4, "\(stats)")
        }
    }

    @Test("an overwritten file updates its row's size; a young key is handed back to the queue")
    func overwriteAndYoung() async throws {
        try await WatchFixture.with(.postgres) { f in
            try await f.put(["o/file.pdf"], bytes: 9)
            try await f.rows(["o/file.pdf"], size: 3)
            try await f.queue.send([QueueDouble.event("PutObject", bucket: f.bucket, key: "o/file.pdf", size: 9)])
            let r = await f.shell().run("watch --drain --json")
            #expect(r.out.contains("\"updated\":1"), "\(r.out)")
            #expect(r.err.contains("Record updated: file.pdf"), "\(r.err)")
            #expect(try await f.catalog.allRecords().first?.size == 9)
            try await f.put(["o/young.pdf"])
            try await f.queue.send([QueueDouble.event("PutObject", bucket: f.bucket, key: "o/young.pdf")])
            let young = await f.shell().run("watch --drain --min-age 1h --json")
            #expect(young.status == .partial, "\(young.err)")
            #expect(young.out.contains("\"retried\":1"), "\(young.out)")
            #expect(try await f.activeURLs() == [f.mapping.url(for: "o/file.pdf")])
        }
    }
}
