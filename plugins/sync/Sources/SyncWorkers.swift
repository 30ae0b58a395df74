import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import Services
import SyncEngine
import Synchronization

/// `sync --workers N`, `sync --join` and the worker processes they start: one sync shared by
/// several processes through the catalog's run and lease tables (docs/scale.md, "Many workers").
///
/// The planner holds the table's sync lock for the whole run (so no single-process sync runs
/// beside it), splits the scope into partitions (`SyncPartitions`), starts the workers and
/// decides the guards on the totals once every partition is planned. Workers claim partitions:
/// first to plan them (counts only), then, once the run is approved, to apply them (the plan a
/// worker holds, else one from a fresh read) in key order, each batch committed only under the
/// partition's lease and recording the key a takeover resumes after.
struct SyncWorkers {
    var context: ShellContext
    var scope: SyncScopeArguments
    var options: SyncOptions
    var lockWait: Duration
    var lease: Duration

    /// What every role needs: the stores, the mapping, the run table.
    struct Stores: Sendable {
        var objectStore: any ObjectStore
        var catalog: any CatalogStore
        var runs: any SyncRunTable
        var mapping: KeyMapping
        var actor: UUID?
    }

    func stores(log: SyncLog) async throws -> Stores {
        let services = try SyncModule.services(in: context)
        let mapping: KeyMapping
        do {
            mapping = try await services.writeMapping(context, note: { [log] in log.info($0) })
        } catch let error as CatalogError {
            throw SyncError.catalogFailed(cause: error)
        }
        let catalog = try services.catalog(context)
        guard let runs = catalog as? any SyncRunTable else { throw CommandError(.workersUnsupported(catalog.displayName)) }
        return Stores(
            objectStore: try services.objectStore(context), catalog: catalog, runs: runs,
            mapping: mapping.adding(alternateBases: scope.urlBases), actor: try context.catalogActor())
    }

    /// The run's identity: the same profile, bucket, table and scope flags give the same text.
    func fingerprint(_ stores: Stores, _ resolved: Scope) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let layers = (try? encoder.encode(resolved.layers)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return "\(context.profile.name) | \(stores.objectStore.displayName) | \(stores.catalog.displayName) | \(layers) | "
            + scope.urlBases.joined(separator: ",")
    }

    // MARK: - Planner

    /// `sync --workers N`.
    func plan(workers: Int) async throws -> ExitStatus {
        let log = SyncLog(context: context, report: nil)
        let stores = try await stores(log: log)
        let resolved = try scope.resolve(in: context, now: Date())
        let fingerprint = fingerprint(stores, resolved)
        let lockOptions = SyncLockOptions(wait: lockWait) { log.info($0) }
        do {
            return try await stores.catalog.withSyncLock(lockOptions) {
                try await coordinate(workers: workers, stores: stores, resolved: resolved, fingerprint: fingerprint, log: log)
            }
        } catch let error as CatalogError where error.code == .locked {
            throw SyncError.locked(cause: error)
        }
    }

    private func coordinate(workers: Int, stores: Stores, resolved: Scope, fingerprint: String, log: SyncLog) async throws
        -> ExitStatus
    {
        let runs = stores.runs
        var run: SyncRun
        if let existing = try await runs.activeRun(fingerprint: fingerprint) {
            // Its planner died (we hold the lock it held): this run continues it.
            run = existing
            log.info(.workersResuming(run.id))
        } else {
            let parts = try await SyncPartitions.find(roots: resolved.listPrefixes, in: stores.objectStore, target: max(16, 4 * workers))
            let document = SyncRunDocument(
                scope: resolved, roots: parts.roots, urlBases: scope.urlBases, minAgeSeconds: options.minAge.components.seconds,
                restore: options.restore, maxDelete: options.maxDelete.description, allowEmpty: options.allowEmptyBucket,
                verifyTypes: scope.verifyTypes, partitionSize: options.partitionSize)
            run = try await runs.createRun(fingerprint: fingerprint, partitions: parts.all, planner: LeaseHolder.current())
            _ = try await runs.updateRun(run.id, from: [.planning], to: .planning, totals: document.encoded())
            log.info(.workersStarted(run.id, partitions: parts.all.count, workers: workers))
        }
        var children: [SyncWorkerProcess] = []
        for _ in 0..<workers {
            children.append(
                try SyncWorkerProcess.start(
                    run: run.id, leaseSeconds: lease.components.seconds, listConcurrency: options.listConcurrency, profile: context.profile))
        }
        var workedHere = false
        var wait = PhaseWait()
        while true {
            guard let current = try await runs.run(id: run.id) else { throw CommandError(.workersRunGone(run.id)) }
            run = current
            if [.done, .refused, .abandoned].contains(run.state) { break }
            if try await advance(run, runs: runs) { continue }
            if !workedHere, children.allSatisfy({ $0.exited() }) {
                // Every worker is gone with work left (killed, crashed): do it here, taking
                // over their partitions as their leases expire.
                workedHere = true
                log.warning(.workersGone)
                _ = try await work(runID: run.id, stores: stores, log: log)
                continue
            }
            try await wait.pause()
        }
        while !children.allSatisfy({ $0.exited() }) { try await Task.sleep(for: .milliseconds(25)) }
        return try finish(run, runs: runs, log: log)
    }

    /// Moves the run on when its phase is complete, from whichever process sees it first (the
    /// update is conditional on the state, so one wins): every partition planned → the global
    /// guards on the totals decide (approved, or refused: nothing written); every partition
    /// applied → done, with the run's summary. True when it moved the run.
    func advance(_ run: SyncRun, runs: any SyncRunTable) async throws -> Bool {
        guard var document = SyncRunDocument.decode(run.totals) else { return false }
        let partitions = try await runs.partitions(run: run.id)
        let totals = partitions.compactMap { PartitionCounts.decode($0.counts) }.reduce(PartitionCounts(), +)
        if run.state == .planning, partitions.allSatisfy({ $0.state != .pending }) {
            document.approved = totals
            let refusal = SyncRefusal.check(
                removals: totals.removals, objects: totals.objects, records: totals.records, options: document.options(now: Date()))
            if let refusal {
                document.refusal = refusal.localizedMessage(.en)
                if case .emptyBucket = refusal { document.refusalKind = "empty_bucket" } else { document.refusalKind = "max_delete" }
                document.refusalHint = refusal.localizedHint(.en)
            }
            return try await runs.updateRun(run.id, from: [.planning], to: refusal == nil ? .approved : .refused, totals: document.encoded())
        }
        if SyncRun.State.applicable.contains(run.state), partitions.allSatisfy({ $0.state == .done }) {
            document.summary = totals
            return try await runs.updateRun(run.id, from: SyncRun.State.applicable, to: .done, totals: document.encoded())
        }
        return false
    }

    /// Prints the run's summary (whichever process finishes it) and picks the status.
    func finish(_ run: SyncRun, runs: any SyncRunTable, log: SyncLog) throws -> ExitStatus {
        let document = SyncRunDocument.decode(run.totals)
        var status = ExitStatus.ok
        switch run.state {
        case .refused:
            log.error(LocalizedText(document?.refusal ?? "refused"))
            if let hint = document?.refusalHint { log.hint(LocalizedText(hint)) }
            status = .refused
        case .done:
            let s = document?.summary ?? PartitionCounts()
            if s.crossPartition > 0 { log.warning(.workersCrossPartition(s.crossPartition)) }
            if s.deferred > 0 { log.warning(.workersDeferred(s.deferred)) }
            log.info(.syncFinished(added: s.added, removed: s.removed, restored: s.restored))
        default:
            status = .failure
        }
        let s = (run.state == .done ? document?.summary : document?.approved) ?? PartitionCounts()
        let applied = run.state == .done
        var fields: [(String, OutputValue)] = [
            ("objects", .number(s.objects)), ("records", .number(s.records)), ("added", .number(applied ? s.added : 0)),
            ("removed", .number(applied ? s.removed : 0)), ("restored", .number(applied ? s.restored : 0)),
            ("unchanged", .number(s.unchanged)), ("foreign", .number(s.foreign)), ("duplicates", .number(s.duplicates)),
            ("mismatched", .number(s.mismatched)), ("young", .number(s.young)), ("unparseable", .number(s.unparseable)),
            ("conflicts", .number(s.conflicts)), ("ambiguous", .number(s.ambiguous)), ("errors", .number(s.unparseable + s.conflicts + s.ambiguous)),
            ("dot_segments", .number(s.dotSegments)), ("dry_run", .bool(false)),
            ("cross_partition", .number(s.crossPartition)), ("deferred", .number(s.deferred)),
            ("spilled_partitions", .number(s.spilled ?? 0)), ("run", .string(run.id)),
        ]
        if run.state == .refused || context.format != .table {
            let refused: OutputValue = run.state == .refused ? .string(document?.refusalKind ?? "max_delete") : .null
            fields.append(("refused", refused))
        }
        context.summary(fields)
        return status
    }
}
