import BackendSupport
import Catalog
import Foundation
import ObjectStore
import Postgres
import R2STestSupport
import Testing
import UserFacing

#if canImport(Glibc)
    import Glibc
#endif

/// A worker SIGKILLed after its first committed chunk of a 5,302-change partition (`big/`, or the
/// root partition, on Postgres or PostgREST, planned in memory or spilled): the
/// taker-over **resumes after the lease row's `last_key`** (docs/scale.md §6) — it lists only the
/// keys after it and plans only changes positioned after it — and the end state is a
/// single-process sync's on a twin table. Rows whose candidate keys straddle the chunk boundary
/// (`%2F`, NFC/NFD) are neither soft-deleted wrongly nor duplicated; a `last_key` an older r2s
/// wrote (a url) makes the taker-over plan the whole partition again.
@Suite(.serialized) struct WorkersResumeTests {
    /// 5,300 keys to add, two orphans (one in the first chunk, one after it) and objects whose rows
    /// name them across the boundary `04998.txt` (the 5,000th change in key order: 100 keys, the
    /// orphan `00100-gone.txt`, then `00100.txt` … `04998.txt`), under `folder`.
    static func big(_ folder: String) -> [String] { (0..<5300).map { folder + String(format: "%05d.txt", $0) } }
    /// `%` sorts before `.`, `/` after it: the raw key is before the boundary, the decoded one after.
    static func rawPercent(_ folder: String) -> String { folder + "04998%2Fz.pdf" }
    /// NFD `ç` (`c` + U+0327, before the boundary), named by a row spelled NFC (after it).
    static func nfdObject(_ folder: String) -> String { folder + "04998.c\u{327}" }
    /// NFC `é` (after the boundary), named by a row spelled NFD (`e%CC%81`, before it).
    static func nfcObject(_ folder: String) -> String { folder + "04998.\u{E9}" }
    /// The keys of the partition `folder` (`big/`, or the root `""`).
    static func partition(_ folder: String) -> [String] { big(folder) + [rawPercent(folder), nfdObject(folder), nfcObject(folder)] }

    /// The bucket and the rows of the scenario, on `e`.
    static func fill(_ e: E2E, folder: String, objects: Bool) async throws {
        if objects { try await e.put(partition(folder) + ["s1/a.txt", "s2/a.txt", "top.txt"]) }
        _ = try await e.rows(["s1/a.txt", "s1/gone.txt", "gone.txt", folder + "00100-gone.txt", folder + "05200-gone.txt"])
        _ = try await e.rows([rawPercent(folder), folder + "04998.\u{E7}", folder + "04998.e%CC%81"], raw: true)
    }

    /// The lease row of `folder` once its first chunk is committed: owner and `last_key`.
    static func firstChunk(folder: String, table: String, pgURL: String) async throws -> (pid: Int32?, lastKey: String?) {
        let sql = """
            SELECT l.owner || E'\\n' || l.last_key FROM r2s_sync_leases l JOIN r2s_sync_runs r ON r.id = l.run_id
            WHERE r.fingerprint LIKE $1 AND l.prefix = '\(folder)' AND l.state = 'planned' AND l.last_key IS NOT NULL
              AND l.owner IS NOT NULL LIMIT 1
            """
        guard let seen = try await WorkersFailureTests.waitFor(sql, table: table, pgURL: pgURL) else { return (nil, nil) }
        let parts = seen.split(separator: "\n", maxSplits: 1).map(String.init)
        let pid = parts.first?.split(separator: " ").dropFirst(3).first.flatMap { Int32($0) }
        return (pid, parts.count > 1 ? parts[1] : nil)
    }

    @Test("a takeover after a committed chunk lists and plans only what follows last_key; the end state is a single sync's",
          arguments: [nil, 1000] as [Int?])
    func resumesAfterLastKey(partitionSize: Int?) async throws {
        try await takeover(folder: "big/", partitionSize: partitionSize)
    }

    @Test("the same in the root partition (a delimiter listing started after last_key), and over PostgREST (no transactions)")
    func rootAndPostgREST() async throws {
        try await takeover(folder: "", partitionSize: nil)
        try await takeover(folder: "big/", partitionSize: nil, rest: true)
    }

    @Test("a last_key an older r2s wrote (a url): the taker-over plans the whole partition again; same end state")
    func oldFormatReplans() async throws {
        try await takeover(folder: "big/", partitionSize: nil, oldFormat: true)
    }

    private func takeover(folder: String, partitionSize: Int?, oldFormat: Bool = false, rest: Bool = false) async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try WorkersE2ETests.environment(e, rest: rest), let binary = builtR2SBinary(), let pgURL = e.pgURL else { return }
            try await Self.fill(e, folder: folder, objects: true)
            let twin = try await E2E.freshTable("sync_twin_", store: e.store, pgURL: pgURL)
            defer { try? E2E.sql(pgURL, "DROP TABLE IF EXISTS \"\(twin.table)\"") }
            try await Self.fill(twin, folder: folder, objects: false)
            let single = await twin.shell().run("sync --yes --min-age 0s --max-delete 100% --json")
            #expect(single.status == .ok, "\(single.err)")

            try WorkersFailureTests.slowInserts(try Postgres.Connection(url: pgURL), table: e.table)
            let out = NSTemporaryDirectory() + "r2s-workers-resume-" + UUID().uuidString
            let size = partitionSize.map { " --partition-size \($0)" } ?? ""
            let planner = try spawnToFile([binary, "-c", WorkersFailureTests.command + size], environment: env, outputPath: out)
            let (pid, lastKey) = try await Self.firstChunk(folder: folder, table: e.table, pgURL: pgURL)
            #expect(pid != nil, "'\(folder)' was not seen after its first chunk")
            if let pid { kill(pid, SIGKILL) }
            // Chunks follow key order: the first 5,000 changes end at 04998.txt.
            let boundary = folder + "04998.txt"
            #expect(lastKey == boundary, "last_key \(lastKey ?? "nil")")
            let old = E2E.base + "/" + folder + "04999.txt"
            if oldFormat {
                _ = try Postgres.Connection(url: pgURL).execute(
                    "UPDATE r2s_sync_leases SET last_key = $1 WHERE prefix = '\(folder)' AND run_id IN (SELECT id FROM r2s_sync_runs WHERE fingerprint LIKE $2)",
                    [old, "%" + e.table + "%"])
            }
            let status = await WorkersE2ETests.waitExit(planner)
            let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            _ = try Postgres.Connection(url: pgURL).execute("DROP TRIGGER slow ON \"\(e.table)\"")
            #expect(status == 0, "\(output)")
            if oldFormat {
                #expect(output.contains("Taking over partition '\(folder)' after batch 1 (last key \(old))"), "\(output)")
                #expect(!output.contains("Resuming partition"), "\(output)")
            } else {
                #expect(output.contains("Resuming partition '\(folder)' after key \(boundary) (batch 1)"), "\(output)")
                // What the taker-over listed: the partition's keys after last_key (301 + the NFC é),
                // not its 5,303 (the root's top.txt too).
                let after = (Self.partition(folder) + (folder.isEmpty ? ["top.txt"] : [])).filter { KeyOrder.less(boundary, $0) }.count
                #expect(after == (folder.isEmpty ? 303 : 302))
                #expect(output.contains("Partition '\(folder)' resumed after key \(boundary): \(after) keys listed"), "\(output)")
            }
            #expect(try await WorkersPartitionedTests.endState(e) == WorkersPartitionedTests.endState(twin))
            let again = await e.shell().run("sync --min-age 0s --max-delete 100% --json")
            #expect(again.out.contains("\"added\":0") && again.out.contains("\"removed\":0"), "\(again.out)")
        }
    }
}
