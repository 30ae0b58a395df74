import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import SyncEngine

/// What a worker does: claim a partition, plan it (first phase) or plan it again and apply it
/// (second phase), under a lease renewed every third of its length.
extension SyncWorkers {
    /// `sync --worker-run RUN` (a process the planner started): work until the run is over.
    func workerProcess(runID: String) async throws -> ExitStatus {
        let log = SyncLog(context: context, report: nil)
        let stores = try await stores(log: log)
        return try await work(runID: runID, stores: stores, log: log) ? .ok : .failure
    }

    /// `sync --join`: find the run of this profile and scope, work on it, and print its summary
    /// once it is over.
    func join() async throws -> ExitStatus {
        let log = SyncLog(context: context, report: nil)
        let stores = try await stores(log: log)
        let resolved = try scope.resolve(in: context, now: Date())
        guard let run = try await stores.runs.activeRun(fingerprint: fingerprint(stores, resolved)) else {
            throw CommandError(.workersNothingToJoin, hint: .workersNothingToJoinHint)
        }
        log.info(.workersJoining(run.id))
        _ = try await work(runID: run.id, stores: stores, log: log)
        var wait = PhaseWait()
        while true {
            guard let current = try await stores.runs.run(id: run.id) else { throw CommandError(.workersRunGone(run.id)) }
            if ![SyncRun.State.planning, .approved, .applying].contains(current.state) {
                return try finish(current, runs: stores.runs, log: log)
            }
            try await wait.pause()
        }
    }

    /// Works until the run has nothing left to claim in its current phase and is over (done,
    /// refused, abandoned); false when the run row is gone. In the apply phase it claims first
    /// the partitions whose plans it holds.
    func work(runID: String, stores: Stores, log: SyncLog) async throws -> Bool {
        let plans = SyncWorkerPlans()
        // Spilled plans not applied (the run refused or over, an error): their folders go too.
        defer { plans.removeAll() }
        var wait = PhaseWait()
        // When this process found none of its own plans left to apply (see `othersPlansDue`).
        var ownPlansDone: ContinuousClock.Instant?
        while true {
            guard let run = try await stores.runs.run(id: runID), let document = SyncRunDocument.decode(run.totals) else { return false }
            let wanted: RunPartition.State
            switch run.state {
            case .planning: wanted = .pending
            case .approved, .applying: wanted = .planned
            case .done, .refused, .abandoned: return true
            }
            if try await advance(run, runs: stores.runs) { continue }
            let me = LeaseHolder.current()
            var claimed: PartitionLease?
            if wanted == .planned {
                for prefix in plans.prefixes where claimed == nil {
                    claimed = try await stores.runs.claimPartition(run: runID, state: wanted, holder: me, ttl: self.lease, only: prefix)
                }
            }
            if claimed == nil, wanted == .planned, !othersPlansDue(since: &ownPlansDone) {
                try await wait.pause()
                continue
            }
            if claimed == nil { claimed = try await stores.runs.claimPartition(run: runID, state: wanted, holder: me, ttl: self.lease) }
            guard let lease = claimed else {
                // Nothing free now: others hold the rest (or the phase is about to end).
                try await wait.pause()
                continue
            }
            wait.reset()
            let partitions = SyncPartitions(
                roots: document.roots, all: try await stores.runs.partitions(run: runID).map(\.prefix))
            do {
                let counts = try await whileRenewing(lease, stores.runs) {
                    try await process(lease, document: document, partitions: partitions, stores: stores, plans: plans, log: log)
                }
                _ = try await stores.runs.finishPartition(lease, state: wanted == .pending ? .planned : .done, counts: counts.encoded())
            } catch let error as CatalogError where error.code == .locked {
                // The lease was lost: whoever took it over plans the partition again.
                log.warning(LocalizedText(en: error.message.en, ptBR: error.message.ptBR))
            }
        }
    }

    /// Whether a process with none of its own plans left may apply a partition another process
    /// planned: only `applyGrace` after it ran out. Taking one over means listing and reading it
    /// again (the plan is in its planner's memory), while its planner, alive, applies it in a
    /// moment: with 4 workers through +300 ms per request the workers that finished first listed
    /// ~100 pages again (1 s of the run). A planner that died leaves its partitions to the others
    /// after the grace.
    private func othersPlansDue(since ownPlansDone: inout ContinuousClock.Instant?) -> Bool {
        let now = ContinuousClock.now
        let since = ownPlansDone ?? now
        ownPlansDone = since
        return now - since >= Self.applyGrace
    }

    /// See `othersPlansDue`: long enough for a live planner to apply several partitions' plans.
    static let applyGrace: Duration = .seconds(2)

    /// Plans one partition (kept in `plans`); in the apply phase, applies the plan this process
    /// made, or plans it again from a fresh read (another process planned it, a plan older than
    /// the lease; a takeover after committed chunks only what follows their key), and applies it. A large partition (or any with
    /// `--partition-size`) is planned as a single sync would plan it: in sub-partitions, its plan
    /// spilled to disk, so a worker's memory is bounded by the partition size, not the folder.
    private func process(
        _ lease: PartitionLease, document: SyncRunDocument, partitions: SyncPartitions, stores: Stores,
        plans: SyncWorkerPlans, log: SyncLog
    ) async throws -> PartitionCounts {
        let rows = try await stores.runs.partitions(run: lease.run)
        let row = rows.first { $0.prefix == lease.prefix }
        // A takeover after committed chunks lists and plans only what follows their key.
        let resumeAfter = lease.state == .planned ? Self.resumeKey(row, partitions: partitions, own: lease.prefix) : nil
        var guarded = LeaseGuardedCatalog(base: stores.catalog, runs: stores.runs, lease: lease, ttl: self.lease)
        guarded.excludedURLPrefixes = partitions.excludedURLPrefixes(of: lease.prefix, mapping: stores.mapping)
        let collector = StrayKeyCollector(partitions: partitions, own: lease.prefix, mapping: stores.mapping)
        guarded.rowsRead = { collector.note($0) }
        let listed = resumeAfter.map { StartAfterStore(base: stores.objectStore, after: $0) } ?? stores.objectStore
        let engine = SyncEngine(
            objectStore: partitions.objectStore(for: lease.prefix, base: listed), catalog: guarded,
            mapping: stores.mapping, scope: try partitions.scope(of: lease.prefix, in: document.scope))
        var options = document.options(now: Date())
        options.actor = stores.actor
        // This process's listing streams (default 8) within the partition: a folder of many
        // pages is listed over key ranges, not one page after another.
        options.listConcurrency = self.options.listConcurrency
        // Memory is per machine: a joining process's own --partition-size, else the run's.
        if let size = self.options.partitionSize { options.partitionSize = size }
        options.resumeAfter = resumeAfter
        var planned: BoundedPlan
        var counts: PartitionCounts
        if lease.state == .planned, (row?.lastBatch ?? 0) == 0, let held = plans.take(lease.prefix, maxAge: self.lease) {
            // This process planned it and nothing was committed since: the same plan.
            planned = held
            counts = row.flatMap { PartitionCounts.decode($0.counts) } ?? PartitionCounts(held, crossPartition: 0)
        } else {
            if let row, row.lastBatch > 0 {
                if let key = resumeAfter {
                    log.info(.workersResumingAfterKey(lease.prefix, key: key, batches: row.lastBatch))
                } else {
                    log.info(.workersResumingPartition(lease.prefix, batches: row.lastBatch, lastKey: row.lastKey ?? ""))
                }
            }
            let made = try await engine.planBounded(options, observer: { _ in }, restarting: { collector.restart() })
            let crossed: Int
            do {
                (planned, crossed) = try partitions.keepingOwnRemovals(made, partition: lease.prefix, mapping: stores.mapping)
            } catch {
                made.remove()
                throw error
            }
            counts = PartitionCounts(planned, crossPartition: crossed)
            if let key = resumeAfter {
                log.info(.workersResumed(lease.prefix, key: key, listed: made.summary.objects, changes: planned.changeCount))
                if let approved = row.flatMap({ PartitionCounts.decode($0.counts) }) { counts = approved.resuming(planned) }
            }
            if case .spilled(let spilled) = planned {
                log.info(.workersPlannedInPartitions(lease.prefix, spilled.partitions, changes: spilled.changeCount))
            }
            guard lease.state == .planned else {
                do {
                    counts.strays = try collector.strays()
                } catch {
                    planned.remove()
                    throw error
                }
                counts.rowsRead = collector.rowsRead
                plans.keep(planned, for: lease.prefix)
                return counts
            }
            counts.rowsRead = row.flatMap { PartitionCounts.decode($0.counts)?.rowsRead }
            counts.replanned = 1
        }
        defer { planned.remove() }
        // No row for a key that a row read by another partition may already name.
        let strays = Set(rows.compactMap { PartitionCounts.decode($0.counts)?.strays }.joined())
        // Never more soft-deletes than the guards approved for this partition: a fresh read
        // that finds more leaves them all to the next sync.
        let approved = row.flatMap { PartitionCounts.decode($0.counts) }
        // Kept for the partitions applied after this one.
        counts.strays = approved?.strays
        let deferring = planned.removals > (approved?.removals ?? 0)
        if deferring { counts.deferred = planned.removals }
        if !strays.isEmpty || deferring {
            let before = planned.additions
            planned = try planned.filtered(
                additions: strays.isEmpty ? nil : { !strays.contains(KeyMapping.canonicalKey($0.key)) },
                removals: deferring ? { _ in false } : nil)
            counts.crossPartition += before - planned.additions
        }
        _ = try await stores.runs.updateRun(lease.run, from: [.approved], to: .applying, totals: nil)
        let applied = try await apply(planned, engine: engine, options: options, log: log)
        counts.added = applied.added
        counts.removed = applied.removed
        counts.restored = applied.restored
        return counts
    }

    /// Applies a partition's plan in checkpointed chunks in key order, each committed only under
    /// the lease (the engine's catalog is a `LeaseGuardedCatalog`) with the key a takeover
    /// resumes after, logging every row written.
    private func apply(
        _ planned: BoundedPlan, engine: SyncEngine, options: SyncOptions, log: SyncLog
    ) async throws -> (added: Int, removed: Int, restored: Int) {
        let observer: @Sendable (SyncEvent) -> Void = { [log] event in
            if case .added(let rows) = event { for a in rows { log.info(.syncRecordAdded(nome: a.record.nome, url: a.record.url)) } }
            if case .removed(let rows) = event { for r in rows { log.info(.syncRecordRemoved(nome: r.nome, url: r.url)) } }
            if case .restored(let rows) = event { for r in rows { log.info(.syncRecordRestored(nome: r.nome, url: r.url)) } }
        }
        return try await engine.applyInKeyOrder(planned, options: options, observer: observer)
    }

    /// Runs `body` with the lease renewed beside it; a renewal that finds the lease gone cancels
    /// `body` and throws `partitionLeaseLost` (its batches were refused anyway).
    private func whileRenewing<T: Sendable>(
        _ lease: PartitionLease, _ runs: any SyncRunTable, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let ttl = self.lease
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                while true {
                    try await Task.sleep(for: ttl / 3)
                    let renewed = (try? await runs.renewPartition(lease, ttl: ttl)) ?? true
                    if !renewed { throw CatalogError.partitionLeaseLost(lease.prefix) }
                }
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
            }
            throw CancellationError()
        }
    }
}
