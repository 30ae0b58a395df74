import BackendSupport
import Catalog
import Foundation
import ObjectStore
import Postgres
import R2STestSupport
import SyncEngine
import Synchronization
import Testing

/// A worker's key-ordered apply (`SyncEngine.applyInKeyOrder`, docs/scale.md §6 "Resuming a
/// takeover") on the awkward keys of `PartitionedSyncTests` (`%`/`%25` spellings, NFC/NFD
/// neighbours, a restore, soft-deletes whose candidates lie in two sub-partitions): after every
/// committed chunk, the lease row's `last_key` has every change positioned at or below it
/// committed, and once the order is restored it is the highest position written — for a plan in
/// memory and for a spilled one (`--partition-size 2`), whose order is not strict (a non-ASCII
/// orphan's floor, a `%` url routed to its decoded key's sub-partition).
@Suite(.serialized) struct KeyOrderedApplyTests {
    @Test("every checkpoint has every change at or below it committed (in memory, and spilled in partitions of 2)",
          arguments: [nil, 2] as [Int?])
    func checkpointsCoverWhatIsBelowThem(partitionSize: Int?) async throws {
        try await E2E.with(.postgres) { e in
            guard let pgURL = e.pgURL, let runs = e.catalog as? any SyncRunTable else { return }
            try await PartitionedSyncTests.fill(e)
            // Out of order in a spilled plan: the orphan `k/é` is classified after `k/m` (its NFC
            // key sorts after ASCII) but positioned at `k/` (the floor: an NFD `k/e…` sorts first).
            try await e.put(["k/a", "k/b", "k/c", "k/d", "k/x", "k/y"])
            try await e.rows(["k/m", "k/\u{E9}"])
            let run = try await runs.createRun(fingerprint: "keyorder " + e.table, partitions: [""], planner: LeaseHolder(host: "test-host", pid: 91000))
            #expect(try await runs.updateRun(run.id, from: [.planning], to: .approved, totals: nil))
            let lease = try #require(
                try await runs.claimPartition(run: run.id, state: .pending, holder: LeaseHolder(host: "test-host", pid: 91001), ttl: .seconds(3600)))
            let engine = SyncEngine(
                objectStore: e.store, catalog: LeaseGuardedCatalog(base: e.catalog, runs: runs, lease: lease, ttl: .seconds(3600)),
                mapping: e.mapping, scope: testScope())
            var options = PartitionedSyncTests.options(partitionSize: partitionSize)
            options.changesPerTransaction = 1
            let planned = try await engine.planBounded(options, observer: { _ in })
            defer { planned.remove() }
            let plan: SyncPlan
            switch planned {
            case .inMemory(let result): plan = result.plan
            case .spilled(let spilled): plan = try await spilled.load()
            }
            #expect(plan.additions.count > 2 && plan.removals.count > 1 && plan.restorations.count == 1, "\(plan)")
            let positions = ChangePositions(mapping: e.mapping)
            let changes = plan.additions.map { ("add " + $0.record.url, positions.of($0)) }
                + plan.restorations.map { ("restore " + $0.id.uuidString, positions.of(restore: $0)) }
                + plan.removals.map { ("remove " + $0.id.uuidString, positions.of(removal: $0)) }

            // After each chunk: the lease row's last_key and every change written so far.
            let written = Mutex<Set<String>>([])
            let seen = Mutex<[(key: String?, written: Set<String>)]>([])
            let observer: @Sendable (SyncEvent) -> Void = { event in
                switch event {
                case .added(let rows): written.withLock { $0.formUnion(rows.map { "add " + $0.record.url }) }
                case .restored(let rows): written.withLock { $0.formUnion(rows.map { "restore " + $0.id.uuidString }) }
                case .removed(let rows): written.withLock { $0.formUnion(rows.map { "remove " + $0.id.uuidString }) }
                case .applying(let done, _) where done > 0:
                    let key = try? Postgres.Connection(url: pgURL).execute(
                        "SELECT last_key FROM r2s_sync_leases WHERE run_id = $1", [run.id]).string(0, 0)
                    seen.withLock { $0.append((key, written.withLock { $0 })) }
                default: break
                }
            }
            let applied = try await engine.applyInKeyOrder(planned, options: options, observer: observer)
            #expect(applied.added + applied.removed + applied.restored == changes.count)
            let chunks = seen.withLock { $0 }
            #expect(chunks.count == changes.count)
            #expect(chunks.last?.key != nil, "no checkpoint recorded")
            var previous: String?
            for (key, done) in chunks {
                guard let key else { continue }
                for (change, position) in changes where !KeyOrder.less(key, position) {
                    #expect(done.contains(change), "last_key \(key): \(change) at \(position) not committed yet")
                }
                if let previous { #expect(!KeyOrder.less(key, previous), "last_key went back from \(previous) to \(key)") }
                previous = key
                // Tight once the order is restored: everything written is below everything left.
                let written = changes.filter { done.contains($0.0) }.map(\.1)
                let left = changes.filter { !done.contains($0.0) }.map(\.1)
                if let top = written.max(by: KeyOrder.less), left.allSatisfy({ KeyOrder.less(top, $0) }) {
                    #expect(key == top, "last_key \(key) below \(top), though everything up to it is committed")
                }
            }
        }
    }
}
