import BackendSupport
import Backends
import Catalog
import Foundation
import LocalStore
import ObjectStore
import R2SCore
import R2STestSupport
import S3
import Services
import StorageModule
import Testing

/// Services with a trash: the fixture's store, catalog and mapping, plus a `Trash` built the way
/// the production wiring builds it for the backend (a folder beside the local bucket; a second
/// bucket on the same S3 server with CopyObject across buckets).
struct TrashedServices: StorageServices, TrashServices {
    let store: any ObjectStore
    let catalogStore: any CatalogStore
    let mapping: KeyMapping
    let trashValue: Trash?

    init(store: any ObjectStore, catalogStore: any CatalogStore, mapping: KeyMapping, trashValue: Trash?) {
        (self.store, self.catalogStore, self.mapping, self.trashValue) = (store, catalogStore, mapping, trashValue)
        // As FixedServices does: `trash init` reads the profile's endpoint and bucket through the
        // stores' parsers. Without this the suite passed only after another suite installed it.
        ProfileDescriptions.install(BackendProfileDescriber())
    }

    func objectStore(_ context: ShellContext) throws -> any ObjectStore { store }
    func catalog(_ context: ShellContext) throws -> any CatalogStore { catalogStore }
    func keyMapping(_ context: ShellContext) throws -> KeyMapping { mapping }
    func trash(_ context: ShellContext) throws -> Trash? { trashValue }
    func createTrashBucket(_ name: String, _ context: ShellContext) async throws {}
}

/// An error a test injects into a trash copy.
struct InjectedCopyFailure: Error {}

extension StorageFixture {
    /// The backend's real trash: `dir/trash` for the local folder, `<bucket>-trash` on S3.
    func makeTrash() async throws -> Trash {
        if let bucket = store as? LocalFolderStore {
            let folder = try LocalFolderStore(root: dir.appendingPathComponent("trash").path)
            return Trash(
                location: .folder(path: folder.root), store: folder,
                copyIn: { try await bucket.copy($0, into: folder, as: $1) },
                copyOut: { try await folder.copy($0, into: bucket, as: $1) })
        }
        let client = try #require(store as? S3Client)
        var configuration = client.configuration
        let main = configuration.bucket
        configuration.bucket = main + "-trash"
        let trashClient = try S3Client(configuration: configuration)
        try await trashClient.createBucket(configuration.bucket)
        let name = configuration.bucket
        return Trash(
            location: .bucket(name: name, prefix: "", inMainBucket: false), store: trashClient,
            copyIn: { try await trashClient.copy(fromBucket: main, key: $0, to: $1) },
            copyOut: { try await client.copy(fromBucket: name, key: $0, to: $1) })
    }

    /// A trash inside the main bucket under `.trash/` (R2S_TRASH_IN_BUCKET=yes), and the main
    /// bucket as commands then see it (the prefix cut out).
    func inBucketTrash() -> (trash: Trash, visible: any ObjectStore) {
        let location = TrashLocation.bucket(name: "main", prefix: ".trash/", inMainBucket: true)
        let raw = store
        let trash = Trash(
            location: location, store: raw, copyIn: { try await raw.copy(from: $0, to: $1) },
            copyOut: { try await raw.copy(from: $0, to: $1) })
        return (trash, TrashHidingStore(base: raw, location: location))
    }

    /// A shell over these services with `trash` (nil: a profile that could have one but has none).
    func trashShell(
        _ trash: Trash?, store storeOverride: (any ObjectStore)? = nil, catalog override: (any CatalogStore)? = nil,
        console: BufferConsole = BufferConsole()
    ) -> TestShell {
        let services = TrashedServices(
            store: storeOverride ?? store, catalogStore: override ?? catalog, mapping: mapping, trashValue: trash)
        return TestShell(
            modules: [StorageModule(services: services)],
            paths: Paths(
                config: dir.appendingPathComponent("config").path, state: dir.appendingPathComponent("state").path,
                data: dir.path),
            profile: Profile(name: "test", values: [:]), console: console)
    }

    /// The backend's real trash and a shell over it: how most trash tests begin.
    func trashAndShell() async throws -> (Trash, TestShell) {
        let trash = try await makeTrash()
        return (trash, trashShell(trash))
    }

    /// Writes a local file `name` and uploads it through `shell`, expecting success.
    func upload(_ name: String, _ content: String, with shell: TestShell) async throws {
        let path = try file(name, content)
        #expect(await shell.execute(["upload", path]).status == .ok)
    }

    /// Every trashed copy, oldest first.
    func trashEntries(_ trash: Trash) async throws -> [TrashEntry] {
        var out: [TrashEntry] = []
        for try await page in trash.entries(keyPrefix: "") { out += page }
        return out.sorted { $0.deletedAt < $1.deletedAt }
    }

    /// The bytes of `key` in the bucket.
    func bytes(_ key: String, from source: (any ObjectStore)? = nil) async throws -> Data {
        let path = dir.appendingPathComponent("dl-\(UUID().uuidString)").path
        try await (source ?? store).download(key, to: path, range: nil, progress: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
