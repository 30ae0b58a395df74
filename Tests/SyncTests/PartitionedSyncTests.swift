import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2STestSupport
import SyncEngine
import Testing
import UserFacing

/// Issue 17 §2: the partitioned (bounded-memory) sync plans exactly what the in-memory sync
/// plans, with partitions so small (1 or 2 keys) that split points fall between `a%` / `a%25` /
/// `a%2525` and between the NFC and NFD spellings of a name, on every bucket + catalog pair.
@Suite("Partitioned sync")
struct PartitionedSyncTests {
    /// Keys whose url forms name each other (`%25` read decoded or raw) and NFC/NFD neighbours.
    static let keys: [String] = [
        "docs/a%", "docs/a%25", "docs/a%2525", "docs/a%b.txt", "docs/café.txt", "docs/cafe\u{301}s.txt",
        "docs/cafez.txt", "docs/a b.txt", "docs/a+b.txt", "docs/日本.txt", "docs/😀.txt", "docs/x/y.txt",
    ] + (0..<9).map { String(format: "docs/f%02d.txt", $0) } + (0..<4).map { String(format: "m/%02d.pdf", $0) }

    static func options(partitionSize: Int?, maxDelete: MaxDelete = .percent(100), streams: Int = 1) -> SyncOptions {
        var options = SyncOptions(minAge: .zero, maxDelete: maxDelete, listPageSize: 2)
        options.partitionSize = partitionSize
        options.listConcurrency = streams
        options.changesPerTransaction = 3
        return options
    }

    /// The partitioned plan read back whole (test-sized), its folder removed.
    static func partitioned(_ engine: SyncEngine, size: Int, maxDelete: MaxDelete = .percent(100), streams: Int = 1) async throws
        -> (SyncPlan, SyncSummary, SyncRefusal?)
    {
        let planned = try await engine.planInPartitions(options(partitionSize: size, maxDelete: maxDelete, streams: streams)) { _ in }
        defer { planned.remove() }
        #expect(planned.partitions > 1 || planned.summary.objects <= size, "the run was really split")
        return (try await planned.load(), planned.summary, planned.refusal)
    }

    static func ids(_ changes: [SyncPlan.RowChange]) -> [String] { changes.map(\.id.uuidString).sorted() }
    static func urls(_ additions: [SyncPlan.Addition]) -> [String] { additions.map(\.record.url).sorted() }

    static func same(_ a: (SyncPlan, SyncSummary), _ b: (SyncPlan, SyncSummary)) {
        var sa = a.1, sb = b.1
        (sa.dryRun, sb.dryRun) = (false, false)
        #expect(sa == sb)
        let (keysA, keysB) = (a.0.additions.map(\.key).sorted(), b.0.additions.map(\.key).sorted())
        #expect(keysA == keysB)
        let (urlsA, urlsB) = (urls(a.0.additions), urls(b.0.additions))
        #expect(urlsA == urlsB)
        let (recordsA, recordsB) = (Set(a.0.additions.map(\.record)), Set(b.0.additions.map(\.record)))
        #expect(recordsA == recordsB)
        let (removalsA, removalsB) = (ids(a.0.removals), ids(b.0.removals))
        #expect(removalsA == removalsB)
        let (restoresA, restoresB) = (ids(a.0.restorations), ids(b.0.restorations))
        #expect(restoresA == restoresB)
        #expect(Set(removalsB).count == removalsB.count, "each row classified once")
    }

    /// Objects, rows in both url spellings, rows whose candidates sit in two partitions, a row
    /// naming two existing keys, rows of gone keys and (where SQL reaches the catalog) a restore.
    static func fill(_ e: E2E) async throws {
        try await e.put(keys)
        let even = keys.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        try await e.rows(Array(even.prefix(6)), raw: true)
        try await e.rows(Array(even.dropFirst(6)))
        // `docs/gone%25x`: candidates `docs/gone%x` (decoded) and `docs/gone%25x` (raw), neither listed.
        try await e.rows(["docs/gone%25x", "docs/gone.txt", "m/zz.pdf"], raw: true)
        try await e.rows(["docs/a%25"], raw: true)  // names `docs/a%` and `docs/a%25`: both exist (ambiguous)
        // `…/a%25b.txt` names `docs/a%b.txt` (listed) and `docs/a%25b.txt` (not), two partitions apart;
        // `…/a%25zz` names two unlisted keys in two partitions; the NFC row of the NFD object.
        try await e.rows(["docs/a%b.txt", "docs/cafés.txt"])
        try await e.rows(["docs/a%25zz"], raw: true)
        if let pg = e.pgURL {
            try await e.put(["docs/back.txt"])
            let row = try await e.rows(["docs/back.txt"])
            try E2E.sql(pg, """
                UPDATE "\(e.table)" SET deleted_at = now() - interval '1 day', updated_at = now() - interval '1 day',
                created_at = now() - interval '2 days' WHERE id = '\(row[0].id.uuidString.lowercased())'
                """)
        }
    }

    @Test("partitions of 1 and 2 keys plan what the in-memory sync plans; the sync after it is a no-op",
          arguments: Backend.allCases)
    func sameAsInMemory(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await Self.fill(e)
            for scope in [testScope(), testScope(prefixes: ["docs"])] {  // whole bucket; one folder (url-prefix read)
                let engine = e.engine(scope: scope)
                let memory = try await engine.plan(Self.options(partitionSize: nil)) { _ in }
                #expect(!memory.plan.isEmpty)
                // One chain of pages, and 4 range streams (ranges spilled as they complete, merged in key order).
                for (size, streams) in [(1, 1), (2, 1), (1, 4), (2, 4)] {
                    let (plan, summary, _) = try await Self.partitioned(engine, size: size, streams: streams)
                    Self.same((memory.plan, memory.summary), (plan, summary))
                }
            }
            let engine = e.engine()
            let memory = try await engine.plan(Self.options(partitionSize: nil)) { _ in }
            #expect(memory.summary.ambiguous >= 1, "the row naming two objects is reported")
            if e.pgURL != nil { #expect(memory.plan.restorations.count == 1) }

            let applied = try await engine.sync(Self.options(partitionSize: 1), observer: { _ in }, confirm: { _ in true })
            #expect(applied.applied)
            #expect(applied.summary.added == memory.plan.additions.count)
            #expect(applied.summary.removed == memory.plan.removals.count)
            #expect(applied.summary.restored == memory.plan.restorations.count)
            let after = try await engine.plan(Self.options(partitionSize: nil)) { _ in }
            #expect(after.plan.isEmpty, "a sync after a partitioned sync is a no-op")
            let (again, _, _) = try await Self.partitioned(engine, size: 1)
            #expect(again.isEmpty)
        }
    }

    @Test("a guard refusal with the plan spread over many partitions writes nothing", arguments: [Backend.local, .postgres])
    func refusalWritesNothing(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            let gone = (0..<12).map { String(format: "gone/g%02d.txt", $0) }
            try await e.put((0..<6).map { String(format: "g/k%02d.txt", $0) })
            try await e.rows(gone)
            let before = try await e.allRows()
            let engine = e.engine()
            let refused = try await engine.sync(
                Self.options(partitionSize: 1, maxDelete: .count(11)), observer: { _ in }, confirm: { _ in true })
            #expect(refused.refusal == .tooManyDeletes(planned: 12, limit: 11, setting: "11"))
            #expect(!refused.applied)
            #expect(try await e.allRows() == before, "no addition either: nothing was written")

            // The empty-listing guard: a scope whose listing is empty while its rows are active.
            let empty = e.engine(scope: testScope(prefixes: ["gone"]))
            let emptyRefused = try await empty.sync(Self.options(partitionSize: 1), observer: { _ in }, confirm: { _ in true })
            #expect(emptyRefused.refusal == .emptyBucket(records: 12))
            #expect(try await e.allRows() == before)
        }
    }
}

/// `sync --partition-size` from the shell: the partitioned engine, its log line, its validation.
@Suite("Partitioned sync command")
struct PartitionedSyncCommandTests {
    @Test("`sync --yes --partition-size 1` syncs partition by partition; 0 is a usage error")
    func commandLine() async throws {
        try await E2E.with(.local) { e in
            try await e.put(["p/a.txt", "p/b.txt", "p/c%25.txt"])
            try await e.rows(["p/gone.txt"])
            let r = await e.shell().run("sync --yes --min-age 0s --partition-size 1")
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.err.contains("Planned in 3 partitions: 4 changes"), "\(r.err)")
            let urls = try await e.activeURLs()
            #expect(urls == ["p/a.txt", "p/b.txt", "p/c%25.txt"].map { e.mapping.url(for: $0) }.sorted())
            let again = await e.shell().run("sync --yes --min-age 0s --partition-size 1")
            #expect(again.err.contains("Planned in 3 partitions: 0 changes"), "\(again.err)")
            let bad = await e.shell().run("sync --partition-size 0")
            #expect(bad.status == .usage)
            #expect(bad.err.contains("--partition-size 0: expected at least 1"))
        }
    }
}

/// The spilled plan's folder is private to the user and removed by `remove()`.
@Suite("Partitioned sync files")
struct PartitionedSyncFilesTests {
    @Test("the plan folder is mode 0700, its files 0600, and remove() deletes it")
    func privateFolder() async throws {
        try await E2E.with(.local) { e in
            try await e.put(["s/a.txt", "s/b.txt"])
            try await e.rows(["s/gone.txt"])
            let planned = try await e.engine().planInPartitions(PartitionedSyncTests.options(partitionSize: 1)) { _ in }
            let fm = FileManager.default
            let folderMode = try fm.attributesOfItem(atPath: planned.folder)[.posixPermissions] as? Int
            #expect(folderMode == 0o700)
            let files = try fm.contentsOfDirectory(atPath: planned.folder)
            #expect(Set(files) == ["plan-additions", "plan-removals"], "only the plan is left once classified")
            for file in files {
                let mode = try fm.attributesOfItem(atPath: planned.folder + "/" + file)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(file)")
            }
            #expect(planned.additions == 2 && planned.removals == 1 && planned.restorations == 0)
            planned.remove()
            #expect(!fm.fileExists(atPath: planned.folder))
        }
    }
}
