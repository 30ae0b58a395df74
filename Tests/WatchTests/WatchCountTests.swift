import BackendSupport
import Catalog
import Foundation
import R2SCore
import R2STestSupport
import Testing

/// What `watch --json` counts for events the catalog already agrees with.
@Suite(.serialized) struct WatchCountTests {
    @Test("a delete whose row is already soft-deleted is unchanged, not out of scope (on both catalog paths)", arguments: Backend.seaweedFS)
    func deleteOfASoftDeletedRowIsUnchanged(_ backend: Backend) async throws {
        try await WatchFixture.with(backend) { f in
            let rows = try await f.rows(["d/gone.pdf", "d/gone.jpg"])
            _ = try await f.catalog.softDelete(ids: rows.map(\.id), actor: nil)
            let before = try await f.snapshot()
            try await f.queue.send([QueueDouble.event("DeleteObject", bucket: f.bucket, key: "d/gone.pdf")])
            let r = await f.shell().run("watch --drain --json")
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.out.contains("\"removed\":0,\"restored\":0,\"updated\":0,\"unchanged\":1,\"duplicates\":0,\"out_of_scope\":0"), "\(r.out)")
            // Out of the scope (a type filter) the same soft-deleted row is out of scope, as before.
            try await f.queue.send([QueueDouble.event("DeleteObject", bucket: f.bucket, key: "d/gone.jpg")])
            let typed = await f.shell().run("watch --type application/pdf --drain --json")
            #expect(typed.out.contains("\"unchanged\":0,\"duplicates\":0,\"out_of_scope\":1"), "\(typed.out)")
            #expect(try await f.snapshot() == before)
            #expect(try await f.queue.stats()["acked"] == 2)
        }
    }
}
