import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import S3
import Synchronization
import Testing

/// Failures half-way: the catalog refuses a row after its object was written, deleting that object
/// fails too, the S3 server stops mid-upload, a file too large for `size`, partial batches.
@Suite struct FailureInjectionTests {
    @Test(arguments: Backend.allCases)
    func refusedRowRemovesTheObject(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let shell = f.shell(catalog: FaultyCatalog(inner: f.catalog, refuseInserts: true))
        let r = await shell.execute(["upload", try f.file("a.pdf", "aaa"), try f.file("b.pdf", "bbb"), "--to", "x"])
        #expect(r.status == .failure)
        #expect(r.err.contains("'\(f.files)/a.pdf': the catalog row could not be written (injected"))
        #expect(r.err.contains("the uploaded object was removed again"))
        #expect(try await f.keys().isEmpty)  // no orphan
        #expect(try await f.rows().isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func foreignKeyViolationFromUnknownActorLeavesNoOrphan(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let stranger = UUID()  // not in usuarios: created_by's foreign key refuses the row
        let shell = f.shell(actor: stranger.uuidString)
        let r = await shell.execute(["upload", try f.file("a.txt", "a")])
        #expect(r.status != .ok)
        #expect(r.err.contains("removed again"), "\(r.err)")
        #expect(r.err.contains("R2S_ACTOR"), "the hint explains created_by: \(r.err)")
        #expect(try await f.keys().isEmpty)
        #expect(try await f.rows().isEmpty)
        // A malformed actor is refused before anything happens.
        let bad = await f.shell(actor: "not-a-uuid").execute(["upload", try f.file("b.txt", "b")])
        #expect(bad.status == .config)
        #expect(bad.err.contains("R2S_ACTOR is not a uuid"))
        #expect(try await f.keys().isEmpty)
    }

    @Test func whenRemovalFailsTooTheFixCommandIsPrinted() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        let shell = f.shell(
            catalog: FaultyCatalog(inner: f.catalog, refuseInserts: true), store: ObservedStore(f.store, refuseDeletes: true))
        let r = await shell.execute(["upload", try f.file("it's here.txt", "x"), "--to", "a b"])
        #expect(r.status == .failure)
        #expect(r.err.contains("is in the bucket without a row"))
        #expect(r.err.contains("remove it with: rm --yes 'a b/it'\\''s here.txt'"), "\(r.err)")
        #expect(try await f.keys() == ["a b/it's here.txt"])
        // The printed command, run as a script line, removes the orphan.
        let fix = await f.shell().run("rm --yes 'a b/it'\\''s here.txt'")
        #expect(fix.status == .ok, "\(fix.err)")
        #expect(try await f.keys().isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func partialBatchExitsFive(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let shell = f.shell()
        let a = try f.file("a.txt", "a")
        #expect(await shell.execute(["upload", a]).status == .ok)
        let r = await shell.execute(["upload", a, try f.file("b.txt", "b"), f.files + "/missing.txt"])
        #expect(r.status == .partial)
        #expect(r.err.contains("'a.txt' already exists"))
        #expect(r.err.contains("no such file"))
        #expect(r.out.contains("b.txt"))
        #expect(try await f.keys().sorted() == ["a.txt", "b.txt"])
        let rm = await shell.execute(["rm", "b.txt", "nope.txt", "--yes"])
        #expect(rm.status == .partial)
        #expect(rm.err.contains("'nope.txt': no object and no row"))
        #expect(try await f.keys() == ["a.txt"])
    }

    @Test(arguments: Backend.allCases)
    func fileLargerThanTheSizeColumnIsRefusedBeforeUploading(_ backend: Backend) async throws {
        guard let f = try await StorageFixture.make(backend) else { return }
        let store = ObservedStore(f.store)
        // A sparse file just over INTEGER's 2,147,483,647 bytes: no disk used, never read.
        let big = f.dir.appendingPathComponent("files/big.bin").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: UInt64(Int32.max) + 1)
        try handle.close()
        let small = try f.file("small.txt", "fits")
        // The real schema (INTEGER) on the Postgres kinds; an injected limit on every kind.
        let limits: [FaultyCatalog] =
            backend == .local
            ? [FaultyCatalog(inner: f.catalog, maxSize: 3)]
            : [FaultyCatalog(inner: f.catalog), FaultyCatalog(inner: f.catalog, maxSize: 3)]
        for catalog in limits {
            let path = catalog.maxSize == nil ? big : small
            let r = await f.shell(catalog: catalog, store: store).execute(["upload", path])
            #expect(r.status == .failure)
            #expect(r.err.contains("holds at most \(catalog.maxSize ?? Int64(Int32.max)); nothing was uploaded"), "\(r.err)")
            #expect(r.err.contains("BIGINT"))
        }
        #expect(store.uploads.load(ordering: .relaxed) == 0)
        #expect(try await f.keys().isEmpty)
        #expect(try await f.rows().isEmpty)
    }

    @Test func refusedRowUpdateOnMoveDeletesTheCopy() async throws {
        guard let f = try await StorageFixture.make(.local) else { return }
        #expect(await f.shell().execute(["upload", try f.file("a.txt", "a")]).status == .ok)
        let r = await f.shell(catalog: FaultyCatalog(inner: f.catalog, refuseUpdates: true)).execute(["mv", "a.txt", "b.txt"])
        #expect(r.status == .failure)
        #expect(try await f.keys() == ["a.txt"])
        #expect(try await f.rows().map(\.url) == ["https://files.example.com/a.txt"])
    }

    /// The S3 server stops while a file is being uploaded: the upload fails and no row is written.
    @Test func serverStoppingMidUploadWritesNoRow() async throws {
        guard let script = TestServers.serversScript, let f = try await StorageFixture.make(.postgres) else {
            if TestServers.required && TestServers.serversScript == nil { Issue.record("R2S_TEST_SERVERS_SCRIPT missing") }
            return
        }
        let dir = f.dir.appendingPathComponent("seaweed").path
        let port = LocalPort.free(in: stride(from: 24350, to: 24450, by: 10).map { $0 }, span: 5, grpc: true)
        try await Subprocess.run(["/bin/bash", script, "seaweed-start", dir, String(port)])
        defer { _ = Subprocess.runBlocking(["/bin/bash", script, "seaweed-stop", dir]) }
        guard let s3 = try await StorageFixture.s3Client(endpoint: "http://127.0.0.1:\(port)") else { return }
        // Stopped from another thread: the hook runs inside the transfer's progress callback.
        let store = ObservedStore(s3) {
            Thread.detachNewThread { _ = Subprocess.runBlocking(["/bin/bash", script, "seaweed-stop", dir]) }
        }
        // 256 MiB (sparse): multipart in 16 MiB parts; the server dies once the first bytes go out.
        let big = f.dir.appendingPathComponent("files/big.bin").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 256 << 20)
        try handle.close()
        let r = await f.shell(store: store).execute(["upload", big, "--to", "up"])
        #expect(r.status != .ok)
        // The multipart upload died half-way (a part failed as the server went down).
        #expect(r.err.contains("S3 "), "\(r.err)")
        #expect(r.err.contains("'\(big)'"), "\(r.err)")
        #expect(store.uploads.load(ordering: .relaxed) == 1)
        #expect(try await f.rows().isEmpty)
    }
}
