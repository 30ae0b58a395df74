import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import HTTP
import Foundation
import LocalStore
import ObjectStore
import R2SCore
import R2STestSupport
import S3
import SyncEngine
import Testing

/// Failures in the middle of a sync, injected by stopping real servers from the engine's event
/// hooks, and two syncs racing for the lock.
@Suite(.serialized) struct FailureTests {
    /// Ports of the private servers these tests start and stop, in the sync helper's range: the
    /// first free slot (SeaweedFS takes five consecutive ports), so a server left over from a
    /// killed run is never mistaken for ours.
    static let privateS3Port = LocalPort.free(in: stride(from: 22340, to: 22400, by: 10).map { $0 }, span: 5, grpc: true)
    static let privatePGPort = LocalPort.free(in: Array(22450..<22480))
    static let privateRESTPort = LocalPort.free(in: Array(22480..<22500))

    @Test("the S3 server stopped in the middle of the listing: zero rows changed, exit 3")
    func s3StoppedMidListing() async throws {
        guard let script = TestServers.serversScript, let pg = TestServers.postgres() else {
            if TestServers.required { Issue.record("R2S_TEST_SERVERS_SCRIPT / R2S_TEST_PG_URL missing") }
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-weed-\(UUID().uuidString)").path
        try Shell.run(script, "seaweed-start", dir, String(Self.privateS3Port))
        try #require(Shell.isAlive(pidFile: dir + "/pid"), "the private SeaweedFS did not stay up")
        defer { try? Shell.run(script, "seaweed-stop", dir); try? FileManager.default.removeItem(atPath: dir) }
        // Same credentials as the shared server (servers.sh writes one identities file).
        let shared = TestServers.s3()
        let store = try await E2E.bucket(
            endpoint: "http://127.0.0.1:\(Self.privateS3Port)", accessKey: shared?.accessKey ?? "r2stestaccesskey",
            secretKey: shared?.secretKey ?? "r2stestsecretkey0123456789"
        ) { $0.http.maxAttempts = 2; $0.http.retryBaseDelayMilliseconds = 50 }
        let e = try await E2E.freshTable("sync_fail_", store: store, pgURL: pg.url)
        let table = e.table
        defer { try? E2E.sql(pg.url, "DROP TABLE IF EXISTS \"\(table)\"") }
        try await e.put((0..<120).map { "k/\($0).txt" })
        try await e.rows((0..<60).map { "k/\($0).txt" } + (0..<30).map { "k/gone\($0).txt" })
        let before = try await e.allRows()

        let stopped = StopOnce { try? Shell.run(script, "seaweed-stop", dir) }
        var options = SyncOptions(minAge: .zero, maxDelete: .percent(100))
        options.listPageSize = 20
        let error = await #expect(throws: SyncError.self) {
            try await e.engine().sync(options, observer: { event in
                if case .pageListed(let listed) = event, listed >= 40 { stopped.fire() }
            }, confirm: { _ in true })
        }
        #expect(stopped.fired)
        #expect(error?.exitStatus == .config)
        if case .listingFailed = error {} else { Issue.record("expected listingFailed, got \(String(describing: error))") }
        #expect(error?.localizedMessage(.ptBR).contains("nada foi alterado") == true)
        #expect(try await e.allRows() == before)
    }

    /// The apply commits in chunks (issue 17 §3). Postgres is stopped (a crash: `-m immediate`)
    /// right after the first chunk of 500 committed: that chunk stays, the next is never half
    /// written, and the rerun plans and applies exactly the rest. The committed chunk is made
    /// durable with a CHECKPOINT before the crash — the cluster runs with synchronous_commit=off,
    /// so without it the chunk's commit could be lost or kept depending on the WAL writer's
    /// timing (this test failed that way under load when it still expected one transaction).
    @Test("Postgres stopped in the middle of the apply: committed chunks stay, nothing half-done; rerun converges")
    func postgresStoppedMidApply() async throws {
        guard let script = TestServers.serversScript else {
            if TestServers.required { Issue.record("R2S_TEST_SERVERS_SCRIPT missing") }
            return
        }
        let pg = try await PrivatePostgres.start(script: script, port: Self.privatePGPort)
        defer { pg.remove() }
        let (dir, url, catalog) = (pg.dir, pg.url, try pg.catalog())

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-bucket-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let e = E2E(backend: .local, store: try LocalFolderStore(root: scratch), catalog: catalog, pgURL: url, table: "storage")
        let keys = (0..<1200).map { "m/\($0).txt" }
        try await e.put(keys)
        try await e.rows((0..<200).map { "m/gone\($0).txt" })
        // The cluster runs with synchronous_commit=off and is stopped with -m immediate (a crash):
        // make the set-up durable first so only the sync's own work is at stake.
        try E2E.sql(url, "CHECKPOINT")

        let stopped = StopOnce {
            try? E2E.sql(url, "CHECKPOINT")
            try? Shell.run(script, "postgres-stop", dir)
        }
        var options = SyncOptions(minAge: .zero, maxDelete: .percent(100))
        options.insertBatchSize = 100
        options.changesPerTransaction = 500
        let error = await #expect(throws: SyncError.self) {
            try await e.engine().sync(options, observer: { event in
                // Emitted after each chunk's commit: the first chunk (500 additions) is in.
                if case .applying(let done, _) = event, done >= 500 { stopped.fire() }
            }, confirm: { _ in true })
        }
        #expect(stopped.fired)
        if case .applyFailed(_, let done, let total) = error {
            #expect(done == 500 && total == 1400, "the error counts the committed changes")
        } else {
            Issue.record("expected applyFailed, got \(String(describing: error))")
        }

        try Shell.restartPostgres(dir: dir, port: Self.privatePGPort)
        let fresh = try PostgresCatalog(url: url, table: "storage")
        // The 200 old rows and the first chunk's 500; the chunk in flight left nothing behind.
        #expect(try await fresh.allRecords(RecordQuery(deleted: .exclude)).count == 700)
        let rerun = E2E(backend: .local, store: e.store, catalog: fresh, pgURL: url, table: "storage")
        let result = try await rerun.engine().sync(options, observer: { _ in }, confirm: { _ in true })
        #expect(result.summary.added == 700 && result.summary.removed == 200)
        let active = try await rerun.activeURLs()
        #expect(active == keys.map { e.mapping.url(for: $0) }.sorted())
        let again = try await rerun.engine().sync(options, observer: { _ in }, confirm: { _ in true })
        #expect(again.plan.isEmpty)
    }

    @Test("the PostgREST server stopped in the middle of the apply: a partial apply; rerun converges")
    func postgrestStoppedMidApply() async throws {
        guard let script = TestServers.serversScript, let pg = TestServers.postgres(), let rest = TestServers.postgrest() else {
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-rest-\(UUID().uuidString)").path
        let port = String(Self.privateRESTPort)
        try Shell.run(script, "pgrest-start", dir, port, pg.url, rest.key, "1000")
        // SIGKILL by pid (a crash; and the subset server lingers ~10 s on SIGTERM with keep-alive clients).
        defer { Shell.kill(pidFile: dir + "/pid"); try? FileManager.default.removeItem(atPath: dir) }
        let table = "sync_rest_" + UUID().uuidString.prefix(8).lowercased()
        try await PostgresSetup.once(pg.url)
        try await PostgresCatalog(url: pg.url, table: table).initialize(withUsuarios: false)
        defer { try? E2E.sql(pg.url, "DROP TABLE IF EXISTS \"\(table)\"") }
        func store() throws -> any CatalogStore {
            var http = HTTPClient.Configuration()
            http.retry = RetryPolicy(maxAttempts: 1)
            return try PostgRESTCatalog(
                url: "http://127.0.0.1:\(port)", key: rest.key, table: table,
                transport: HTTPClientTransport(client: try HTTPClient(configuration: http)))
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-bucket-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let e = E2E(backend: .local, store: try LocalFolderStore(root: scratch), catalog: try store(), pgURL: pg.url, table: table)
        let keys = (0..<1500).map { "n/\($0).txt" }
        try await e.put(keys)
        try await e.rows((0..<100).map { "n/gone\($0).txt" })

        let stopped = StopOnce { Shell.kill(pidFile: dir + "/pid") }
        var options = SyncOptions(minAge: .zero, maxDelete: .percent(100))
        // Chunks of 1,000 changes (checkpointed apply): the server dies once the first is committed.
        options.changesPerTransaction = 1000
        let error = await #expect(throws: SyncError.self) {
            try await e.engine().sync(options, observer: { event in
                if case .applying(let done, _) = event, done >= 1000 { stopped.fire() }
            }, confirm: { _ in true })
        }
        #expect(stopped.fired)
        guard case .applyFailed(_, let done, let total) = error else {
            Issue.record("expected applyFailed, got \(String(describing: error))")
            return
        }
        #expect(done == 1000 && total == 1600)

        try Shell.run(script, "pgrest-start", dir, port, pg.url, rest.key, "1000")
        let rerun = E2E(backend: .local, store: e.store, catalog: try store(), pgURL: pg.url, table: table)
        // The stopped run could not release its lease row; it names this process, which no longer
        // holds it, so the rerun takes it over at once and says so.
        let notes = LockedBox<[String]>([])
        let result = try await rerun.engine().sync(options, observer: { event in
            if case .lock(let text) = event { notes.set(notes.value + [text.en]) }
        }, confirm: { _ in true })
        #expect(notes.value.contains { $0.contains("left behind by this process") }, "\(notes.value)")
        #expect(result.summary.added == 500 && result.summary.removed == 100)
        #expect(try await rerun.activeURLs() == keys.map { e.mapping.url(for: $0) }.sorted())
    }

    @Test("two syncs at once: the second refuses with exit 4 and changes nothing", arguments: Backend.allCases)
    func twoSyncsAtOnce(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["two/a.pdf"])
            let gate = Gate()
            let first = Task {
                try await e.engine().sync(SyncOptions(minAge: .zero), observer: { _ in }) { _ in
                    await gate.arrive()  // holding the lock now
                    await gate.waitForRelease()
                    return true
                }
            }
            await gate.waitForArrival()
            let second = await e.shell().run("sync --min-age 0s")
            #expect(second.status == .refused, "\(second.err)")
            #expect(second.err.contains("another sync is running"))
            #expect(try await e.activeURLs().isEmpty)
            await gate.release()
            let result = try await first.value
            #expect(result.applied && result.summary.added == 1)
            #expect(try await e.activeURLs().count == 1)
        }
    }
}

/// Runs a blocking action once, from whichever event fires first.
final class StopOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private let action: () -> Void

    init(_ action: @escaping () -> Void) { self.action = action }

    func fire() {
        let go = lock.withLock { () -> Bool in
            defer { done = true }
            return !done
        }
        if go {
            action()
        }
    }

    var fired: Bool { lock.withLock { done } }
}

/// One task parks at the gate; another waits for it to arrive and later releases it.
struct Gate: Sendable {
    private let arrived = Latch(), released = Latch()

    func arrive() async { await arrived.open() }
    func waitForArrival() async { await arrived.wait() }
    func release() async { await released.open() }
    func waitForRelease() async { await released.wait() }
}

/// An event that happens once: `wait` returns at once after `open`, else when it comes.
actor Latch {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        waiters.forEach { $0.resume() }
        waiters = []
    }

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}

/// Runs helper programs (servers.sh, pg_ctl) and waits for them.
enum Shell {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// posix_spawn + waitpid rather than `Process`: Foundation's `waitUntilExit` never returned
    /// here once `servers.sh` had exited (the child stayed a zombie), stalling the test.
    static func run(_ executable: String, _ arguments: String...) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sync-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let pid: pid_t
        do {
            pid = try spawnToFile([executable] + arguments, environment: ProcessInfo.processInfo.environment, outputPath: log)
        } catch {
            throw Failed(description: "cannot run \(executable): \(error)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0, code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Failed(description: "\(executable) \(arguments.joined(separator: " ")) failed (\(status)): \(output)")
        }
    }

    /// True when the process whose id `pidFile` holds is running.
    static func isAlive(pidFile: String) -> Bool {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
        else { return false }
        return Glibc.kill(pid, 0) == 0
    }

    /// Kills the process whose id `pidFile` holds (one this test started) and waits until it is gone.
    static func kill(pidFile: String) {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
        else { return }
        _ = Glibc.kill(pid, SIGKILL)
        for _ in 0..<200 where Glibc.kill(pid, 0) == 0 { usleep(10_000) }
    }

    /// Starts the PostgreSQL cluster `servers.sh postgres-start` made in `dir` again, keeping its data.
    static func restartPostgres(dir: String, port: Int) throws {
        try run(
            "/usr/sbin/runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", dir + "/data", "-l",
            dir + "/server.log", "-w", "-t", "30", "-o",
            "-c listen_addresses=127.0.0.1 -p \(port) -k \(dir) -c fsync=off -c synchronous_commit=off", "start")
    }
}
