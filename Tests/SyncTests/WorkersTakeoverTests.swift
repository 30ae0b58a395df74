import BackendSupport
import Catalog
import Foundation
import ObjectStore
import Postgres
import R2STestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A worker SIGKILLed after its first committed chunk (a partition of more than one chunk of
/// 5,000 changes): the taker-over keeps what was committed (it resumes after the chunk's last
/// key, and says so), adds the rest, and the end state is a single-process sync's with no row twice.
@Suite(.serialized) struct WorkersTakeoverTests {
    @Test("a worker killed after a committed chunk: the taker-over continues after it; no row inserted twice")
    func takeoverAfterCommittedChunk() async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try WorkersE2ETests.environment(e, rest: false), let binary = builtR2SBinary(), let pgURL = e.pgURL else { return }
            let big = (0..<5300).map { String(format: "big/%05d.txt", $0) }
            try await e.put(big + ["s1/a.txt", "s2/a.txt", "top.txt"])
            try await e.rows(["s1/a.txt", "s1/gone.txt", "gone.txt"])
            try WorkersFailureTests.slowInserts(try Postgres.Connection(url: pgURL), table: e.table)
            let out = NSTemporaryDirectory() + "r2s-workers-takeover-" + UUID().uuidString
            let planner = try spawnToFile([binary, "-c", WorkersFailureTests.command], environment: env, outputPath: out)
            // The holder of big/ once its first chunk is committed (the lease row's last_key is
            // written in the chunk's own transaction).
            let owner = try await WorkersFailureTests.waitFor(
                """
                SELECT l.owner FROM r2s_sync_leases l JOIN r2s_sync_runs r ON r.id = l.run_id
                WHERE r.fingerprint LIKE $1 AND l.prefix = 'big/' AND l.state = 'planned' AND l.last_key IS NOT NULL
                  AND l.owner IS NOT NULL LIMIT 1
                """, table: e.table, pgURL: pgURL)
            let pid = owner?.split(separator: " ").dropFirst(3).first.flatMap { Int32($0) }
            #expect(pid != nil, "big/ was not seen after its first chunk: \(owner ?? "nil")")
            if let pid { kill(pid, SIGKILL) }
            let status = await WorkersE2ETests.waitExit(planner)
            let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            _ = try Postgres.Connection(url: pgURL).execute("DROP TRIGGER slow ON \"\(e.table)\"")
            #expect(status == 0, "\(output)")
            // Chunks go in key order: the first 5,000 additions end at big/04999.txt.
            #expect(output.contains("Resuming partition 'big/' after key big/04999.txt (batch 1)"), "\(output)")
            // The run added each missing row once: 5,300 + s2/a.txt + top.txt, whoever committed them.
            let rows = try await e.allRows()
            let active = rows.filter { $0.deletedAt == nil }.map(\.url)
            #expect(Set(active).count == active.count, "a row was inserted twice")
            #expect(active.count == 5303)
            #expect(Set(rows.filter { $0.deletedAt != nil }.map(\.url)) == Set(["s1/gone.txt", "gone.txt"].map { e.mapping.url(for: $0) }))
            let after = await e.shell().run("sync --min-age 0s --json")
            #expect(after.out.contains("\"added\":0") && after.out.contains("\"removed\":0"), "\(after.out)")
        }
    }
}
