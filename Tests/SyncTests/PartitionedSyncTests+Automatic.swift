import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2STestSupport
import SyncEngine
import Synchronization
import Testing

/// Issue 17 §2, bounded memory by default: a sync without a partition size starts in memory and
/// plans in partitions once the read passes `partitionThreshold`, with the plan and summary the
/// in-memory sync has; the rows whose candidate keys straddle a bound wait on disk, a batch at a time.
@Suite("Partitioned sync, automatic")
struct PartitionedAutomaticTests {
    /// The fixture's options with a threshold small enough to pass (3 keys) and partitions of 2.
    static func automatic(threshold: Int?, streams: Int = 1) -> SyncOptions {
        var options = PartitionedSyncTests.options(partitionSize: nil, streams: streams)
        options.partitionThreshold = threshold
        options.automaticPartitionSize = 2
        return options
    }

    /// Runs a sync and says whether it was planned in partitions (the `.partitioned` event).
    static func sync(_ engine: SyncEngine, _ options: SyncOptions) async throws -> (SyncResult, partitioned: Bool) {
        let seen = Mutex(false)
        let result = try await engine.sync(options, observer: { event in
            if case .partitioned = event { seen.withLock { $0 = true } }
        }, confirm: { _ in true })
        return (result, seen.withLock { $0 })
    }

    @Test("past the threshold a sync switches to partitions and applies what the in-memory plan holds",
          arguments: Backend.allCases)
    func switchesPastThreshold(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await PartitionedSyncTests.fill(e)
            let engine = e.engine()
            let memory = try await engine.plan(PartitionedSyncTests.options(partitionSize: nil)) { _ in }
            #expect(memory.plan.changeCount > 0)
            let streams = backend == .local ? 1 : 4
            let (applied, partitioned) = try await Self.sync(engine, Self.automatic(threshold: 3, streams: streams))
            #expect(partitioned, "the read passed 3 keys: planned in partitions")
            #expect(applied.applied)
            #expect(applied.summary.added == memory.plan.additions.count)
            #expect(applied.summary.removed == memory.plan.removals.count)
            #expect(applied.summary.restored == memory.plan.restorations.count)
            var expected = memory.summary, got = applied.summary
            (expected.dryRun, expected.added, expected.removed, expected.restored) = (false, 0, 0, 0)
            (got.added, got.removed, got.restored) = (0, 0, 0)
            #expect(got == expected, "the same summary as in memory")
            let after = try await engine.plan(PartitionedSyncTests.options(partitionSize: nil)) { _ in }
            #expect(after.plan.isEmpty, "a sync after the switched sync is a no-op")
        }
    }

    @Test("below the threshold (or without one) the sync stays in memory")
    func staysInMemory() async throws {
        try await E2E.with(.local) { e in
            try await e.put(["t/a.txt", "t/b.txt"])
            try await e.rows(["t/gone.txt"])
            let (small, partitionedSmall) = try await Self.sync(e.engine(), Self.automatic(threshold: 100))
            #expect(!partitionedSmall)
            #expect(small.applied && small.plan.changeCount == 3, "the in-memory result carries its plan")
            try await e.put(["t/c.txt", "t/d.txt", "t/e.txt"])
            let (_, partitionedNone) = try await Self.sync(e.engine(), Self.automatic(threshold: nil))
            #expect(!partitionedNone)
        }
    }

    @Test("rows whose candidate keys straddle partition bounds are settled a batch at a time, not all in memory",
          arguments: [Backend.local, .postgres])
    func pendingRowsBounded(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            // `docs/h%N` listed; rows `docs/h%25N` (raw) name `docs/h%N` decoded and `docs/h%25N`
            // raw, which sort apart (between `h%2` and `h%3`): with partitions of 1 key, bounds
            // fall between every pair, so every one of these rows is pending.
            let digits = (0..<10).map(String.init)
            try await e.put(digits.map { "docs/h%\($0)" })
            try await e.rows(digits.map { "docs/h%25\($0)" }, raw: true)
            let engine = e.engine()
            let memory = try await engine.plan(PartitionedSyncTests.options(partitionSize: nil)) { _ in }
            let planned = try await engine.planInPartitions(PartitionedSyncTests.options(partitionSize: 2)) { _ in }
            defer { planned.remove() }
            #expect(planned.heldPending > 0, "the rows were pending")
            #expect(planned.heldPending <= 2, "at most one partition's worth of pending rows in memory")
            let plan = try await planned.load()
            PartitionedSyncTests.same((memory.plan, memory.summary), (plan, planned.summary))
            #expect(memory.summary.unchanged == 10, "each row is tied to its listed key")
        }
    }
}
