import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Services
import StorageModule
import SyncModule
import Testing

/// A trash inside the main bucket (`R2S_TRASH_IN_BUCKET=yes`, issue 20) on real S3 servers:
/// nothing but `rm` writes under its prefix, and `sync`/`check` never see what lies there.
@Suite struct TrashInBucketGuardTests {
    /// Storage and sync commands over the bucket as the wiring hands it out (the trash cut out).
    private func shell(_ f: StorageFixture, _ trash: Trash, _ visible: any ObjectStore) -> TestShell {
        let services = TrashedServices(store: visible, catalogStore: f.catalog, mapping: f.mapping, trashValue: trash)
        return TestShell(
            modules: [StorageModule(services: services), SyncModule(services: services)],
            paths: Paths(
                config: f.dir.appendingPathComponent("config").path, state: f.dir.appendingPathComponent("state").path,
                data: f.dir.path),
            profile: Profile(name: "test", values: ["R2_PUBLIC_URL": StorageFixture.publicBase]))
    }

    @Test(arguments: [Backend.postgres, .moto])
    func uploadAndMvIntoTheTrashAreRefused(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let (trash, visible) = f.inBucketTrash()
        let sh = shell(f, trash, visible)
        #expect(await sh.execute(["upload", try f.file("b.txt", "b"), "--to", "docs"]).status == .ok)
        let up = await sh.execute(["upload", try f.file("x.txt", "x"), "--to", ".trash/docs"])
        #expect(up.status == .refused, "\(up.err)")
        #expect(up.err.contains("inside the trash") && up.err.contains("restore"), "\(up.err)")
        let folder = try f.file("dir/y.txt", "y")
        let many = await sh.execute(["upload", "-r", URL(fileURLWithPath: folder).deletingLastPathComponent().path, "--to", ".trash"])
        #expect(many.status == .refused, "\(many.err)")
        let mv = await sh.execute(["mv", "docs/b.txt", ".trash/docs/b.txt"])
        #expect(mv.status == .refused, "\(mv.err)")
        // Nothing was written under the prefix, the moved file and its row are where they were.
        #expect(try await f.keys() == ["docs/b.txt"])
        #expect(try await f.rows().map(\.url) == [f.mapping.url(for: "docs/b.txt")])
        #expect(try await f.rows().allSatisfy { $0.deletedAt == nil })
    }

    @Test(arguments: [Backend.postgres, .moto])
    func syncAndCheckNeverSeeTrashedCopies(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let (trash, visible) = f.inBucketTrash()
        let sh = shell(f, trash, visible)
        #expect(await sh.execute(["upload", try f.file("a.txt", "a"), try f.file("b.txt", "b"), "--to", "docs"]).status == .ok)
        #expect(await sh.execute(["rm", "docs/a.txt"]).status == .ok)
        // A copy in the trash (rm's) and one put there behind r2s's back (the app, another tool).
        let raw = f.store
        _ = try await raw.upload(try f.file("z.txt", "z"), to: ".trash/stray.txt", contentType: "text/plain", progress: nil)
        let trashed = try await f.keys().filter { $0.hasPrefix(".trash/") }
        #expect(trashed.count == 2 && trashed.contains { $0.hasPrefix(".trash/docs/a.txt~r2s-trash~") }, "\(trashed)")
        let check = await sh.execute(["check", "--min-age", "0s", "--json"])
        #expect(check.status == .ok, "\(check.out)\(check.err)")
        #expect(!check.out.contains(".trash"), "\(check.out)")
        let sync = await sh.execute(["sync", "--min-age", "0s", "--json"])
        #expect(sync.status == .ok, "\(sync.err)")
        #expect(sync.out.contains("\"added\":0,\"removed\":0,\"restored\":0"), "\(sync.out)")
        let rows = try await f.rows()
        #expect(!rows.contains { $0.url.contains(".trash") }, "\(rows.map(\.url))")
        #expect(rows.filter { $0.deletedAt == nil }.map(\.url) == [f.mapping.url(for: "docs/b.txt")])
        // The copies are still there for `restore`.
        #expect(try await f.keys().filter { $0.hasPrefix(".trash/") }.count == 2)
    }
}
