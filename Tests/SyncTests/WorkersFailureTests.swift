import BackendSupport
import Catalog
import CatalogPostgres
import Foundation
import ObjectStore
import Postgres
import R2STestSupport
import S3
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The failure model of a shared run (docs/scale.md §6), on real processes and servers: the
/// planner killed, PostgreSQL restarted, S3 stopped mid-run, a worker killed after a committed
/// chunk. In each case the run (or a rerun of `sync --workers`) ends in the state of an
/// uninterrupted single-process sync (`WorkersE2ETests.checkEndState`: every object named by one
/// active row, only the orphans soft-deleted).
@Suite(.serialized) struct WorkersFailureTests {
    static let privatePGPort = LocalPort.free(in: Array(26230..<26250))
    static let privateS3Port = LocalPort.free(in: stride(from: 26140, to: 26190, by: 10).map { $0 }, span: 5, grpc: true)
    static let privateRESTPort = LocalPort.free(in: Array(26270..<26290))
    static let command = "sync --yes --workers 2 --lease 2s --min-age 0s --max-delete 100% --json"

    /// servers.sh, which starts the private servers (a recorded failure when it is missing and
    /// servers are required).
    static func script() -> String? {
        if TestServers.serversScript == nil, TestServers.required { Issue.record("R2S_TEST_SERVERS_SCRIPT missing") }
        return TestServers.serversScript
    }

    /// Every insert into `table` sleeps, so a run is still applying when the failure is injected.
    static func slowInserts(_ c: Postgres.Connection, table: String) throws {
        _ = try c.execute("CREATE OR REPLACE FUNCTION r2s_test_slow() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END $$ LANGUAGE plpgsql")
        _ = try c.execute("CREATE TRIGGER slow BEFORE INSERT ON \"\(table)\" FOR EACH STATEMENT EXECUTE FUNCTION r2s_test_slow()")
    }

    /// Polls (bounded) until `sql` (with the table's fingerprint pattern as $1) returns a row; its first column.
    static func waitFor(_ sql: String, table: String, pgURL: String) async throws -> String? {
        for _ in 0..<2400 {
            let c = try Postgres.Connection(url: pgURL)
            let r = try c.execute(sql, ["%" + table + "%"])
            if r.rowCount >= 1 { return r.string(0, 0) ?? "" }
            try await Task.sleep(for: .milliseconds(25))
        }
        return nil
    }

    /// A lease row of the table's run being applied (its owner).
    static let applying = """
        SELECT l.owner FROM r2s_sync_leases l JOIN r2s_sync_runs r ON r.id = l.run_id
        WHERE r.state IN ('approved','applying') AND l.state = 'planned' AND l.owner IS NOT NULL AND r.fingerprint LIKE $1 LIMIT 1
        """

    /// Reruns `sync --workers 2` until one exits 0 (a rerun may first find the dead run's leases
    /// unexpired and take them over on its own), at most a few times.
    static func rerun(env: [String: String]) async throws -> (status: Int32, output: String) {
        var last: (status: Int32, output: String) = (-1, "")
        for _ in 0..<4 {
            last = try await WorkersE2ETests.r2s(command, env: env)
            if last.status == 0 { break }
        }
        return last
    }

    @Test("the planner SIGKILLed mid-apply: the workers finish the run; a rerun changes nothing")
    func plannerKilled() async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try WorkersE2ETests.environment(e, rest: false), let binary = builtR2SBinary(), let pgURL = e.pgURL else { return }
            try await WorkersE2ETests.fill(e)
            try Self.slowInserts(try Postgres.Connection(url: pgURL), table: e.table)
            let out = NSTemporaryDirectory() + "r2s-workers-planner-" + UUID().uuidString
            let planner = try spawnToFile([binary, "-c", Self.command], environment: env, outputPath: out)
            let seen = try await Self.waitFor(Self.applying, table: e.table, pgURL: pgURL)
            #expect(seen != nil, "no partition was seen being applied")
            kill(planner, SIGKILL)
            _ = await WorkersE2ETests.waitExit(planner)
            // The workers (its orphaned children) end the run without it.
            let done = try await Self.waitFor(
                "SELECT id FROM r2s_sync_runs WHERE fingerprint LIKE $1 AND state = 'done'", table: e.table, pgURL: pgURL)
            #expect(done != nil, "the workers did not finish the run")
            _ = try Postgres.Connection(url: pgURL).execute("DROP TRIGGER slow ON \"\(e.table)\"")
            let again = try await Self.rerun(env: env)
            #expect(again.status == 0 && again.output.contains("\"added\":0") && again.output.contains("\"removed\":0"), "\(again.output)")
            try await WorkersE2ETests.checkEndState(e)
        }
    }

    @Test("PostgreSQL restarted mid-apply: the processes fail; a rerun of sync --workers continues the run and converges")
    func postgresRestarted() async throws {
        guard let script = Self.script(), let s3 = TestServers.s3(), let binary = builtR2SBinary() else { return }
        let pg = try await PrivatePostgres.start(script: script, port: Self.privatePGPort)
        defer { pg.remove() }
        let (dir, url, catalog) = (pg.dir, pg.url, try pg.catalog())
        let store = try await E2E.bucket(s3)
        defer { Task { await E2E.drop(store) } }
        let e = E2E(backend: .postgres, store: store, catalog: catalog, pgURL: url, table: "storage")
        guard let env = try WorkersE2ETests.environment(e, rest: false) else { return }
        try await WorkersE2ETests.fill(e)
        try Self.slowInserts(try Postgres.Connection(url: url), table: "storage")
        // synchronous_commit=off and an immediate stop (a crash): make the set-up durable first.
        try E2E.sql(url, "CHECKPOINT")
        let out = NSTemporaryDirectory() + "r2s-workers-pgr-" + UUID().uuidString
        let planner = try spawnToFile([binary, "-c", Self.command], environment: env, outputPath: out)
        let seen = try await Self.waitFor(Self.applying, table: "storage", pgURL: url)
        #expect(seen != nil, "no partition was seen being applied")
        try Shell.run(script, "postgres-stop", dir)
        let status = await WorkersE2ETests.waitExit(planner)
        let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        #expect(status != 0, "the planner did not see the outage: \(output)")
        try Shell.restartPostgres(dir: dir, port: Self.privatePGPort)
        _ = try Postgres.Connection(url: url).execute("DROP TRIGGER IF EXISTS slow ON storage")
        let again = try await Self.rerun(env: env)
        #expect(again.status == 0, "\(again.output)")
        let fresh = E2E(backend: .postgres, store: store, catalog: try PostgresCatalog(url: url, table: "storage"), pgURL: url, table: "storage")
        try await WorkersE2ETests.checkEndState(fresh)
    }

    @Test("S3 stopped while the run plans: every process fails, nothing is written; S3 back, a rerun converges")
    func s3Stopped() async throws {
        guard let script = Self.script(), let s3 = TestServers.s3(), let pg = TestServers.postgres(), let binary = builtR2SBinary()
        else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-workers-weed-\(UUID().uuidString)").path
        let endpoint = "http://127.0.0.1:\(Self.privateS3Port)"
        try Shell.run(script, "seaweed-start", dir, String(Self.privateS3Port))
        defer { try? Shell.run(script, "seaweed-stop", dir); try? FileManager.default.removeItem(atPath: dir) }
        let store = try await E2E.bucket(endpoint: endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, region: s3.region)
        let e = try await E2E.freshTable("sync_wfail_", store: store, pgURL: pg.url)
        let table = e.table
        defer { try? E2E.sql(pg.url, "DROP TABLE IF EXISTS \"\(table)\"") }
        guard var env = try WorkersE2ETests.environment(e, rest: false) else { return }
        env["R2_ENDPOINT"] = endpoint
        try await WorkersE2ETests.fill(e)
        let before = try await e.allRows()
        let out = NSTemporaryDirectory() + "r2s-workers-s3-" + UUID().uuidString
        let planner = try spawnToFile([binary, "-c", Self.command], environment: env, outputPath: out)
        // The run exists once the partitions are found; its workers are still starting: stop S3 now.
        let run = try await Self.waitFor("SELECT id FROM r2s_sync_runs WHERE fingerprint LIKE $1", table: table, pgURL: pg.url)
        #expect(run != nil, "the run was not created")
        try Shell.run(script, "seaweed-stop", dir)
        let status = await WorkersE2ETests.waitExit(planner)
        let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        #expect(status != 0, "the run did not see the outage: \(output)")
        #expect(try await e.allRows() == before, "rows changed although no partition could be planned")
        // S3 back with the same objects (servers.sh starts SeaweedFS on a fresh folder).
        try Shell.run(script, "seaweed-start", dir, String(Self.privateS3Port))
        try await store.createBucket(store.configuration.bucket)
        try await e.put(WorkersE2ETests.fillKeys)
        let again = try await Self.rerun(env: env)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("Continuing run"), "the rerun did not continue the run: \(again.output)")
        try await WorkersE2ETests.checkEndState(e)
    }
}
