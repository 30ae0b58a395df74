import BackendSupport
import Catalog
import Foundation
import ObjectStore
import Postgres
import R2STestSupport
import SyncEngine
import Testing
import UserFacing

#if canImport(Glibc)
    import Glibc
#endif

/// `sync --workers` / `--join` with `--partition-size` (issue 17 §2 inside §4): each worker plans
/// its partitions in sub-partitions with the plan spilled to disk, so a worker's memory is bounded
/// by the partition size, not by a folder of the bucket. The end state is a single-process sync's
/// on a twin table, with split points between `%` / `%25` spellings and NFC / NFD neighbours.
@Suite(.serialized) struct WorkersPartitionedTests {
    /// The run partitions of `WorkersE2ETests.fill` and the awkward keys of `PartitionedSyncTests`
    /// (under `docs/` and `m/`), with their rows; on `e` and on a twin table over the same bucket.
    static func twins(_ e: E2E) async throws -> E2E? {
        guard let pgURL = e.pgURL else { return nil }
        let twin = try await E2E.freshTable("sync_twin_", store: e.store, pgURL: pgURL)
        for side in [e, twin] {
            try await WorkersE2ETests.fill(side)
            try await PartitionedSyncTests.fill(side)
        }
        return twin
    }

    /// Every row of the table as text (url, name, type, size, active or deleted), sorted.
    static func endState(_ e: E2E) async throws -> [String] {
        try await e.allRows().map { row in
            [row.url, row.nome, row.contentType ?? "-", row.size.map(String.init) ?? "-", row.deletedAt == nil ? "active" : "deleted"]
                .joined(separator: " | ")
        }.sorted()
    }

    /// Lease rows of the table's last run: how many partitions there are and how many were spilled.
    static func spilled(table: String, pgURL: String) throws -> (partitions: Int, spilled: Int) {
        let c = try Postgres.Connection(url: pgURL)
        let r = try c.execute(
            """
            SELECT count(*)::text, coalesce(sum((l.counts::json->>'spilled')::int), 0)::text FROM r2s_sync_leases l
            WHERE l.run_id = (SELECT id FROM r2s_sync_runs WHERE fingerprint LIKE $1 ORDER BY created_at DESC LIMIT 1)
            """, ["%" + table + "%"])
        return (Int(r.string(0, 0) ?? "") ?? -1, Int(r.string(0, 1) ?? "") ?? -1)
    }

    @Test("--workers 2 --partition-size 2: every partition planned on disk; the end state of a single-process sync (Postgres, and PostgREST)",
          arguments: [false, true])
    func sameEndStateAsOneProcess(_ rest: Bool) async throws {
        try await E2E.with(.postgres) { e in
            guard var env = try WorkersE2ETests.environment(e, rest: rest), let pgURL = e.pgURL, let twin = try await Self.twins(e) else { return }
            defer { try? E2E.sql(pgURL, "DROP TABLE IF EXISTS \"\(twin.table)\"") }
            // The processes' own temp folder: every spilled plan is removed once applied.
            let tmp = try Self.privateTemp(&env)
            defer { try? FileManager.default.removeItem(atPath: tmp) }
            let single = await twin.shell().run("sync --yes --min-age 0s --max-delete 100% --json")
            #expect(single.status == .ok, "\(single.err)")
            // Once a usage error ("cannot be combined with --workers or --join yet").
            let run = try await WorkersE2ETests.r2s("sync --yes --workers 2 --partition-size 2 --min-age 0s --max-delete 100% --json", env: env)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("Partition 'docs/': planned in "), "a worker's log names its spilled plan: \(run.output)")
            let (partitions, spilled) = try Self.spilled(table: e.table, pgURL: pgURL)
            #expect(partitions > 1 && spilled == partitions, "\(spilled) of \(partitions) partitions planned on disk")
            #expect(run.output.contains("\"spilled_partitions\":\(partitions)"), "\(run.output)")
            #expect(try await Self.endState(e) == Self.endState(twin))
            // A single-process sync afterwards has nothing left to do.
            let after = await e.shell().run("sync --min-age 0s --max-delete 100% --json")
            #expect(after.out.contains("\"added\":0") && after.out.contains("\"removed\":0") && after.out.contains("\"restored\":0"), "\(after.out)")
            #expect(try Self.spillFolders(in: tmp).isEmpty, "spilled plan folders left behind")
        }
    }

    /// A fresh folder for the r2s processes' `TMPDIR` (set in `env`), where their plans spill.
    static func privateTemp(_ env: inout [String: String]) throws -> String {
        let tmp = NSTemporaryDirectory() + "r2s-wpart-tmp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        env["TMPDIR"] = tmp
        return tmp
    }

    /// Runs `body` with `e`'s r2s environment whose `TMPDIR` is a fresh folder (removed after).
    static func withPrivateTemp(_ e: E2E, _ body: ([String: String], String) async throws -> Void) async throws {
        guard var env = try WorkersE2ETests.environment(e, rest: false) else { return }
        let tmp = try privateTemp(&env)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try await body(env, tmp)
    }

    /// The spilled plan folders (`r2s-spill-*`) in `tmp`.
    static func spillFolders(in tmp: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("r2s-spill-") }
    }

    @Test("a run refused by the guards (--partition-size 2): nothing written, every worker's spilled plans removed")
    func refusedRunRemovesPlans() async throws {
        try await E2E.with(.postgres) { e in try await Self.withPrivateTemp(e) { env, tmp in
            try await WorkersE2ETests.fill(e)
            let before = try await e.allRows()
            let run = try await WorkersE2ETests.r2s("sync --yes --workers 2 --partition-size 2 --min-age 0s --max-delete 2 --json", env: env)
            #expect(run.status == 4 && run.output.contains("\"refused\":\"max_delete\""), "\(run.output)")
            #expect(run.output.contains("planned in "), "the partitions were planned on disk: \(run.output)")
            #expect(try await e.allRows() == before)
            #expect(try Self.spillFolders(in: tmp).isEmpty, "plans of a refused run left behind")
        } }
    }

    @Test("a spill folder left by a killed process is removed by the next partitioned sync; a live process's or a recent one is kept")
    func abandonedFoldersSwept() async throws {
        try await E2E.with(.postgres) { e in try await Self.withPrivateTemp(e) { env, tmp in
            // A process that has exited (reaped): its pid names no process now.
            let gone = Process()
            gone.executableURL = URL(fileURLWithPath: "/bin/true")
            try gone.run()
            gone.waitUntilExit()
            let dead = gone.processIdentifier
            let fm = FileManager.default
            let hourAgo = Date(timeIntervalSinceNow: -3600)
            func folder(_ name: String, old: Bool) throws {
                try fm.createDirectory(atPath: tmp + "/" + name, withIntermediateDirectories: false)
                #expect(fm.createFile(atPath: tmp + "/" + name + "/plan-additions", contents: Data([1, 2, 3])))
                if old { try fm.setAttributes([.modificationDate: hourAgo], ofItemAtPath: tmp + "/" + name) }
            }
            try folder("r2s-spill-\(dead)-killed", old: true)
            try folder("r2s-spill-\(dead)-recent", old: false)
            try folder("r2s-spill-\(getpid())-livepid", old: true)
            try folder("r2s-sync-other-\(dead)", old: true)
            try await e.put(["s/a.txt", "s/b.txt"])
            let run = try await WorkersE2ETests.r2s("sync --yes --partition-size 1 --min-age 0s", env: env)
            #expect(run.status == 0, "\(run.output)")
            let left = Set(try fm.contentsOfDirectory(atPath: tmp))
            #expect(left == ["r2s-spill-\(dead)-recent", "r2s-spill-\(getpid())-livepid", "r2s-sync-other-\(dead)"])
        } }
    }

    @Test("sync --join --partition-size 3 works on a run started with --workers 1 --partition-size 2: the same end state")
    func joinWithPartitionSize() async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try WorkersE2ETests.environment(e, rest: false), let binary = builtR2SBinary(), let pgURL = e.pgURL,
                let twin = try await Self.twins(e)
            else { return }
            defer { try? E2E.sql(pgURL, "DROP TABLE IF EXISTS \"\(twin.table)\"") }
            _ = await twin.shell().run("sync --yes --min-age 0s --max-delete 100%")
            // Slow inserts: the run is still going when the joining process arrives.
            try WorkersFailureTests.slowInserts(try Postgres.Connection(url: pgURL), table: e.table)
            let out = NSTemporaryDirectory() + "r2s-workers-join-" + UUID().uuidString
            let planner = try spawnToFile(
                [binary, "-c", "sync --yes --workers 1 --partition-size 2 --min-age 0s --max-delete 100% --json"], environment: env, outputPath: out)
            let started = try await WorkersFailureTests.waitFor(
                "SELECT id FROM r2s_sync_runs WHERE fingerprint LIKE $1", table: e.table, pgURL: pgURL)
            #expect(started != nil, "the run was not created")
            let joined = try await WorkersE2ETests.r2s("sync --join --partition-size 3 --min-age 0s --max-delete 100% --json", env: env)
            let status = await WorkersE2ETests.waitExit(planner)
            let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            _ = try Postgres.Connection(url: pgURL).execute("DROP TRIGGER slow ON \"\(e.table)\"")
            #expect(status == 0, "\(output)")
            #expect(joined.status == 0 && joined.output.contains("Joining run"), "\(joined.output)")
            let (partitions, spilled) = try Self.spilled(table: e.table, pgURL: pgURL)
            #expect(spilled == partitions, "\(spilled) of \(partitions) partitions planned on disk")
            #expect(try await Self.endState(e) == Self.endState(twin))
        }
    }

    @Test("a spilled plan commits no chunk once its lease was taken over; the holder's plan, soft-deletes deferred, commits")
    func commitGateOnSpilledPlan() async throws {
        try await E2E.with(.postgres) { e in
            guard let pgURL = e.pgURL else { return }
            guard let runs = e.catalog as? any SyncRunTable else {
                Issue.record("the Postgres catalog keeps no run table")
                return
            }
            try await e.put(["g/a.txt", "g/b.txt", "g/c%25.txt", "g/c%.txt", "g/cafe\u{301}.txt", "g/café.txt"])
            try await e.rows(["g/gone.txt"])
            let before = try await e.allRows()
            let run = try await runs.createRun(fingerprint: "gate " + e.table, partitions: ["g/"], planner: LeaseHolder(host: "test-host", pid: 90000))
            #expect(try await runs.updateRun(run.id, from: [.planning], to: .approved, totals: nil))
            let lost = try #require(
                try await runs.claimPartition(run: run.id, state: .pending, holder: LeaseHolder(host: "test-host", pid: 90001), ttl: .seconds(3600)))
            _ = try Postgres.Connection(url: pgURL).execute(
                "UPDATE r2s_sync_leases SET expires_at = now() - interval '1 hour' WHERE run_id = $1 AND token IS NOT NULL", [run.id])
            let held = try #require(
                try await runs.claimPartition(run: run.id, state: .pending, holder: LeaseHolder(host: "test-host", pid: 90002), ttl: .seconds(3600)))
            func engine(_ lease: PartitionLease) -> SyncEngine {
                SyncEngine(
                    objectStore: e.store, catalog: LeaseGuardedCatalog(base: e.catalog, runs: runs, lease: lease, ttl: .seconds(3600)),
                    mapping: e.mapping, scope: testScope())
            }
            let options = PartitionedSyncTests.options(partitionSize: 2)
            let stale = try await engine(lost).planBounded(options, observer: { _ in })
            defer { stale.remove() }
            guard case .spilled(let stalePlan) = stale else {
                Issue.record("a partition size did not spill the plan")
                return
            }
            #expect(stalePlan.partitions > 1 && stalePlan.additions > 0 && stalePlan.removals == 1)
            await #expect(throws: (any Error).self) { _ = try await engine(lost).apply(stalePlan, options: options, observer: { _ in }) }
            #expect(try await e.allRows() == before, "a chunk was committed without the lease")

            let fresh = try await engine(held).planBounded(options, observer: { _ in })
            let deferred = try fresh.filtered(removals: { _ in false })
            defer { deferred.remove() }
            guard case .spilled(let plan) = deferred else { return }
            #expect(plan.additions == stalePlan.additions && plan.removals == 0)
            let applied = try await engine(held).apply(plan, options: options, observer: { _ in })
            #expect(applied.added == plan.additions && applied.removed == 0)
            let rows = try await e.allRows()
            #expect(rows.filter { $0.deletedAt == nil }.count == 1 + plan.additions, "the deferred soft-delete was not made")
            deferred.remove()
            #expect(!FileManager.default.fileExists(atPath: plan.folder))
        }
    }
}
