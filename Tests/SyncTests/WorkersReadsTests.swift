import BackendSupport
import Catalog
import Foundation
import ObjectStore
import Postgres
import R2STestSupport
import Testing

/// What a shared run reads (issue 17 §4): every catalog row once per run in the normal case —
/// a root partition leaves out the rows under its child partitions' url prefixes (encoded and
/// raw spellings), no second read for the stray keys — and a worker that planned a partition
/// applies that plan without reading the partition again.
@Suite(.serialized) struct WorkersReadsTests {
    /// The lease rows of the table's last run: the sum of a counts field over its partitions.
    static func summed(_ field: String, table: String, pgURL: String) throws -> Int? {
        let c = try Postgres.Connection(url: pgURL)
        let r = try c.execute(
            """
            SELECT sum((l.counts::json->>$2)::int)::text FROM r2s_sync_leases l
            WHERE l.run_id = (SELECT id FROM r2s_sync_runs WHERE fingerprint LIKE $1 ORDER BY created_at DESC LIMIT 1)
            """, ["%" + table + "%", field])
        return r.string(0, 0).flatMap { Int($0) }
    }

    @Test("each row is read once per run, and the planner worker applies its own plans (Postgres, and PostgREST)", arguments: [false, true])
    func rowsReadOnce(_ rest: Bool) async throws {
        try await E2E.with(.postgres) { e in
            guard let env = try WorkersE2ETests.environment(e, rest: rest), let pgURL = e.pgURL else { return }
            try await WorkersE2ETests.fill(e)
            // A folder whose name is spelled differently encoded and raw: the root must leave out
            // both spellings (`sp%20ace/…` and `sp ace/…`), and only those.
            try await e.put(["sp ace/1.pdf", "sp ace/2.pdf", "space.pdf"])
            _ = try await e.rows(["sp ace/1.pdf", "space.pdf"])
            _ = try await e.rows(["sp ace/gone.pdf"], raw: true)
            let before = try await e.allRows().count
            let run = try await WorkersE2ETests.r2s("sync --yes --workers 1 --min-age 0s --max-delete 100% --json", env: env)
            #expect(run.status == 0, "\(run.output)")
            let read = try Self.summed("rowsRead", table: e.table, pgURL: pgURL)
            // Once each, except `space.pdf`: the folder partition `sp ace/` reads the scoped sync's
            // superset (url prefix cut at the first reserved character, `…/sp`) and keeps its own.
            #expect(read == before + 1, "the partitions' plans read \(read ?? 0) rows of \(before)")
            // One worker planned every partition: it applied every plan it made, none again.
            #expect(try Self.summed("replanned", table: e.table, pgURL: pgURL) == nil, "a partition was planned twice")
            let rows = try await e.allRows()
            let active = rows.filter { $0.deletedAt == nil }.map(\.url)
            #expect(Set(active).count == active.count, "a row was inserted twice: \(active.sorted())")
            #expect(rows.contains { $0.url == E2E.base + "/sp ace/gone.pdf" && $0.deletedAt != nil }, "the raw orphan was not soft-deleted")
            #expect(active.contains(e.mapping.url(for: "space.pdf")) && active.contains(e.mapping.url(for: "sp ace/2.pdf")))
            // A single-process sync afterwards has nothing left to do.
            let after = await e.shell().run("sync --min-age 0s --json")
            #expect(after.out.contains("\"added\":0") && after.out.contains("\"removed\":0"), "\(after.out)")
        }
    }
}
