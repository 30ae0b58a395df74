import BackendSupport
import Catalog
import CatalogPostgres
import Foundation
import ObjectStore
import Postgres
import R2SCore
import R2STestSupport
import S3
import SyncEngine
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `sync --workers N` and `sync --join` as real processes of the built binary, on SeaweedFS and
/// Postgres (direct and over PostgREST): the same end state as one process, no row twice, no row
/// wrongly soft-deleted, a killed worker taken over, and guards that refuse before any batch.
@Suite(.serialized) struct WorkersE2ETests {
    /// The environment of an `r2s` process whose `env` profile is `e`'s bucket and catalog.
    static func environment(_ e: E2E, rest: Bool) throws -> [String: String]? {
        guard let s3 = TestServers.s3(), let client = e.store as? S3Client, let pgURL = e.pgURL else { return nil }
        let home = NSTemporaryDirectory() + "r2s-workers-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        var env = s3.settings(bucket: client.configuration.bucket)
        env.merge([
            "R2_PUBLIC_URL": E2E.base, "R2S_TABLE": e.table, "HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "XDG_DATA_HOME": home + "/data",
        ]) { _, new in new }
        if rest {
            guard let server = TestServers.postgrest() else { return nil }
            env.merge(["SUPABASE_URL": server.url, "SUPABASE_SERVICE_ROLE_KEY": server.key, "R2S_CATALOG": "postgrest"]) { _, n in n }
        } else {
            env["DATABASE_URL"] = pgURL
        }
        return env
    }

    /// Runs `r2s -c COMMAND` to its end; its status and output (stdout and stderr together).
    static func r2s(_ command: String, env: [String: String]) async throws -> (status: Int32, output: String) {
        guard let binary = builtR2SBinary() else { return (-1, "") }
        let out = NSTemporaryDirectory() + "r2s-workers-out-" + UUID().uuidString
        let pid = try spawnToFile([binary, "-c", command], environment: env, outputPath: out)
        let status = await waitExit(pid)
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    static func waitExit(_ pid: pid_t) async -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 { try? await Task.sleep(for: .milliseconds(50)) }
        return (status >> 8) & 0xff
    }

    /// The objects of `fill`. a/deep/ makes a/ a nested root: a/ keeps its own keys, a/deep/ is
    /// a partition of its own.
    static let fillKeys = ["a", "b", "c", "d", "x"].flatMap { folder in (0..<6).map { "\(folder)/\($0).pdf" } }
        + ["top1.pdf", "top2.pdf", "x/y.pdf", "a/deep/1.pdf", "a/deep/2.pdf"]

    /// A bucket with folders and keys directly under the root, rows for some of them, orphans in
    /// several partitions, and a row whose url names a key in another partition (`x%2Fy.pdf`
    /// names `x/y.pdf` decoded, `x%2Fy.pdf` raw).
    static func fill(_ e: E2E) async throws {
        try await e.put(fillKeys)
        _ = try await e.rows(["a/0.pdf", "b/1.pdf", "top1.pdf", "a/gone.pdf", "c/gone.pdf", "gone-top.pdf", "a/deep/gone.pdf"])
        _ = try await e.rows(["x%2Fy.pdf"], raw: true)
    }

    /// Active urls once each, and the orphans soft-deleted.
    static func checkEndState(_ e: E2E) async throws {
        let rows = try await e.allRows()
        let active = rows.filter { $0.deletedAt == nil }.map(\.url)
        #expect(Set(active).count == active.count, "a row was inserted twice: \(active.sorted())")
        // 35 objects, each named by exactly one active row (x/y.pdf by the x%2Fy.pdf row).
        #expect(active.count == 35, "\(active.sorted())")
        let deleted = Set(rows.filter { $0.deletedAt != nil }.map(\.url))
        #expect(deleted == Set(["a/gone.pdf", "c/gone.pdf", "gone-top.pdf", "a/deep/gone.pdf"].map { e.mapping.url(for: $0) }))
        // The cross-partition row names an existing object: never soft-deleted.
        #expect(active.contains(E2E.base + "/x%2Fy.pdf"))
        // A single-process sync afterwards has nothing left to do.
        let after = await e.shell().run("sync --min-age 0s --json")
        #expect(after.status == .ok, "\(after.err)")
        #expect(after.out.contains("\"added\":0") && after.out.contains("\"removed\":0"), "\(after.out)")
    }

    @Test("--workers 3 reaches the end state of a single-process sync (Postgres, and PostgREST)", arguments: [false, true])
    func sameEndState(_ rest: Bool) async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try Self.environment(e, rest: rest) else { return }
            try await Self.fill(e)
            let run = try await Self.r2s("sync --yes --workers 3 --min-age 0s --max-delete 100% --json", env: env)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("\"removed\":4"), "\(run.output)")
            #expect(run.output.contains("\"cross_partition\":1"), "\(run.output)")
            try await Self.checkEndState(e)
        }
    }

    @Test("a worker SIGKILLed mid-run is taken over after its lease expires; the run converges")
    func killedWorker() async throws {
        try await E2E.with(.postgres) { e in
            guard var env = try Self.environment(e, rest: false), let binary = builtR2SBinary(), let pgURL = e.pgURL else { return }
            try await Self.fill(e)
            // A trigger that makes every insert into this table slow, so a worker is mid-partition when killed.
            let c = try Postgres.Connection(url: pgURL)
            _ = try c.execute("CREATE OR REPLACE FUNCTION r2s_test_slow() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(0.4); RETURN NEW; END $$ LANGUAGE plpgsql")
            _ = try c.execute("CREATE TRIGGER slow BEFORE INSERT ON \"\(e.table)\" FOR EACH STATEMENT EXECUTE FUNCTION r2s_test_slow()")
            env["R2S_TEST_MARK"] = "1"
            let out = NSTemporaryDirectory() + "r2s-workers-kill-" + UUID().uuidString
            let planner = try spawnToFile(
                [binary, "-c", "sync --yes --workers 2 --lease 3s --min-age 0s --max-delete 100% --json"], environment: env, outputPath: out)
            // Wait until some worker holds a partition in the apply phase, then kill that worker.
            var killed = false
            for _ in 0..<600 where !killed {
                let r = try c.execute(
                    """
                    SELECT l.owner FROM r2s_sync_leases l JOIN r2s_sync_runs r ON r.id = l.run_id
                    WHERE r.state IN ('approved','applying') AND l.state = 'planned' AND l.owner IS NOT NULL
                    AND r.fingerprint LIKE $1 LIMIT 1
                    """, ["%" + e.table + "%"])
                if r.rowCount == 1, let owner = r.string(0, 0), let pid = owner.split(separator: " ").dropFirst(3).first.flatMap({ Int32($0) }) {
                    kill(pid, SIGKILL)
                    killed = true
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(killed, "no worker was seen applying a partition")
            let status = await Self.waitExit(planner)
            let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            #expect(status == 0, "\(output)")
            _ = try c.execute("DROP TRIGGER slow ON \"\(e.table)\"")
            let takeovers = try c.execute(
                "SELECT sum(takeovers)::text FROM r2s_sync_leases l JOIN r2s_sync_runs r ON r.id = l.run_id WHERE r.fingerprint LIKE $1",
                ["%" + e.table + "%"])
            #expect(Int(takeovers.string(0, 0) ?? "0") ?? 0 >= 1, "the killed worker's partition was not taken over")
            try await Self.checkEndState(e)
        }
    }

    @Test("two --workers runs on one table: the second is refused by the run's lock; --join shares the run; no partition applied twice")
    func twoRuns() async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try Self.environment(e, rest: false), let pgURL = e.pgURL else { return }
            try await Self.fill(e)
            async let first = Self.r2s("sync --yes --workers 2 --min-age 0s --max-delete 100% --json", env: env)
            async let second = Self.r2s("sync --yes --workers 2 --min-age 0s --max-delete 100% --json", env: env)
            async let joined = Self.r2s("sync --join --min-age 0s --max-delete 100% --json", env: env)
            let results = try await [first, second, joined]
            let ok = results.filter { $0.status == 0 }.count
            #expect(results.allSatisfy { [0, 1, 4].contains($0.status) }, "\(results.map(\.output))")
            #expect(ok >= 1, "\(results.map(\.output))")
            // Every change applied once over all the runs: 31 rows added (35 objects, 3 rows, x/y.pdf named by the x%2Fy.pdf row) and 4 soft-deleted in total,
            // whichever run (or joined worker) applied each partition.
            let c = try Postgres.Connection(url: pgURL)
            let r = try c.execute(
                """
                SELECT coalesce(sum((totals::json->'summary'->>'added')::int), 0)::text,
                       coalesce(sum((totals::json->'summary'->>'removed')::int), 0)::text, count(*)::text
                FROM r2s_sync_runs WHERE fingerprint LIKE $1 AND state = 'done'
                """, ["%" + e.table + "%"])
            #expect(r.string(0, 0) == "31" && r.string(0, 1) == "4", "added \(r.string(0, 0) ?? "?"), removed \(r.string(0, 1) ?? "?") over \(r.string(0, 2) ?? "?") runs")
            try await Self.checkEndState(e)
        }
    }

    @Test("the max-delete guard is decided on the whole run: refused (exit 4) and nothing written")
    func guardRefuses() async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try Self.environment(e, rest: false) else { return }
            try await Self.fill(e)
            let before = try await e.allRows()
            // 4 orphans in 4 partitions, 1 each: only the total (4) exceeds --max-delete 2.
            let run = try await Self.r2s("sync --yes --workers 3 --min-age 0s --max-delete 2 --json", env: env)
            #expect(run.status == 4, "\(run.output)")
            #expect(run.output.contains("\"refused\":\"max_delete\""), "\(run.output)")
            let after = try await e.allRows()
            #expect(after.count == before.count && after.allSatisfy { $0.deletedAt == nil })
        }
    }

    @Test("the --help examples of --workers and --join run as written")
    func helpExamples() async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try Self.environment(e, rest: false) else { return }
            try await e.put(["h/a.pdf"])
            let help = try await Self.r2s("sync --help", env: env)
            let examples = help.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("sync --yes --workers") || $0.hasPrefix("sync --join") }
                .map { String($0.split(separator: "#").first ?? "").trimmingCharacters(in: .whitespaces) }
            #expect(examples == ["sync --yes --workers 3", "sync --join"], "\(examples)")
            // The objects are younger than the default --min-age: the run works and changes nothing.
            let run = try await Self.r2s(examples.first ?? "", env: env)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("Run ") && run.output.contains("3 workers"), "\(run.output)")
            // No run in progress any more: --join says so.
            let join = try await Self.r2s(examples.last ?? "", env: env)
            #expect(join.status == 1 && join.output.contains("no shared sync is in progress"), "\(join.output)")
        }
    }

    @Test("--join with no run in progress says so (exit 1)")
    func joinNothing() async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try Self.environment(e, rest: false) else { return }
            let run = try await Self.r2s("sync --join", env: env)
            #expect(run.status == 1, "\(run.output)")
            #expect(run.output.contains("no shared sync is in progress"), "\(run.output)")
        }
    }
}
