import Catalog
import EventQueue
import FoundationEssentials
import ObjectStore
import R2SCore
import Services
import Scope
import SyncEngine

/// One `watch`: pull → decode → apply (HEAD-based, sync's rules, under the sync lock) → ack,
/// until Ctrl-C or, with `--drain`, until a pull brings nothing new. Only cancellation is thrown;
/// every other failure becomes a log line and an exit status.
struct WatchLoop {
    var context: ShellContext
    var scope: SyncScopeArguments
    var settings: WatchSettings

    /// What one run works with, built once.
    struct Setup {
        var queue: any EventQueue
        var bucket: String
        var engine: SyncEngine
        var mapping: KeyMapping
        var prefixes: [String]
        var options: SyncOptions
        var ignored: @Sendable (String) -> Bool
    }

    func run() async throws -> ExitStatus {
        let log = SyncLog(context: context, report: nil)
        var tally = WatchTally()
        do {
            let setup = try await prepare(log)
            log.info(.watchStarted(queue: setup.queue.displayName, bucket: setup.bucket))
            try await loop(setup, log: log, tally: &tally)
            log.info(.watchFinished(
                pulled: tally.pulled, added: tally.added, removed: tally.removed, restored: tally.restored, updated: tally.updated))
            context.summary(tally.fields)
            return tally.unacked + tally.retried > 0 ? .partial : .ok
        } catch let error as CancellationError {
            context.summary(tally.fields)
            throw error
        } catch let error as any UserFacingError {
            let secrets = context.session.secrets
            log.error(.syncError(secrets.scrub(error.localizedMessage(context.language))))
            if let hint = error.localizedHint(context.language) { log.hint(LocalizedText(secrets.scrub(hint))) }
            if tally.pulled > 0 { context.summary(tally.fields) }
            return error.exitStatus
        } catch {
            log.error(.syncError("internal error (\(type(of: error)))"))
            return .failure
        }
    }

    private func prepare(_ log: SyncLog) async throws -> Setup {
        let module = try SyncModule.module(in: context)
        guard let factory = module.queues else { throw CommandError(.watchNoQueue, status: .failure) }
        guard let bucket = try context.profileDescription()?.bucket, !bucket.isEmpty else {
            throw CommandError(.watchNoBucket, hint: .watchNoBucketHint, status: .config)
        }
        let queue = try factory(context)
        let services = module.services
        let base: KeyMapping
        do {
            base = try await services.writeMapping(context, note: { [log] in log.info($0) })
        } catch let error as CatalogError {
            throw SyncError.catalogFailed(cause: error)
        }
        let mapping = base.adding(alternateBases: scope.urlBases)
        let resolved = try scope.resolve(in: context, now: Date())
        let engine = SyncEngine(
            objectStore: try services.objectStore(context), catalog: try services.catalog(context),
            mapping: mapping, scope: resolved)
        // HEADs are the apply's main cost and cheap for the server: twice sync's --verify-types concurrency.
        var options = SyncOptions(minAge: settings.minAge, headConcurrency: 32)
        options.verifyTypes = scope.verifyTypes
        options.actor = try context.catalogActor()
        options.lockWait = settings.lockWait
        return Setup(
            queue: queue, bucket: bucket, engine: engine, mapping: mapping,
            prefixes: SyncEngine.listPrefixes(resolved.listPrefixes), options: options, ignored: module.ignoredKey(context))
    }

    private func loop(_ setup: Setup, log: SyncLog, tally: inout WatchTally) async throws {
        let clock = ContinuousClock()
        var nextReconcile = settings.reconcileEvery.map { clock.now + $0 }
        var failures = Backoff(base: .milliseconds(500), cap: .seconds(30))
        var idle = Backoff(base: .seconds(1), cap: .seconds(30))
        var seen: Set<String> = []
        let started = clock.now
        // The next pulls, started while a batch is applied, and the last batch's ack, sent while
        // the next one is applied: the apply (HEADs, catalog) no longer waits for the queue.
        var ahead: Task<Result<QueuePull, any Error>, Never>?
        var acking: Task<Result<Int, any Error>, Never>?
        defer {
            ahead?.cancel()
            acking?.cancel()
        }
        while true {
            try Task.checkCancellation()
            if let due = nextReconcile, clock.now >= due, let every = settings.reconcileEvery {
                try await Self.settle(&acking, tally: &tally)
                try await reconcile(every, log: log)
                tally.reconciles += 1
                nextReconcile = clock.now + every
            }
            let pull: QueuePull
            do {
                if let next = ahead {
                    ahead = nil
                    pull = try await Self.value(of: next).get()
                } else {
                    pull = try await Self.gather(setup.queue, settings).get()
                }
                failures.reset()
            } catch let error as QueueError where error.isTransient {
                tally.errors += 1
                let pause = failures.next()
                log.warning(.watchRetrying(error.localizedMessage(context.language), seconds: Self.seconds(pause)))
                try await Task.sleep(for: pause)
                continue
            }
            tally.backlog = pull.backlog
            let fresh = pull.messages.contains { !seen.contains($0.id) }
            if settings.drain, !fresh {
                try await Self.settle(&acking, tally: &tally)
                return
            }
            if pull.messages.isEmpty {
                // Every pull is billed and answered at once: pause, longer while the queue stays empty.
                var pause = idle.next()
                if let due = nextReconcile { pause = min(pause, max(.zero, due - clock.now)) }
                try await Task.sleep(for: pause)
                continue
            }
            idle.reset()
            if seen.count > 1_000_000 { seen.removeAll(keepingCapacity: true) }  // bounded when run for months
            for m in pull.messages { seen.insert(m.id) }
            // Safe to pull ahead: these messages stay leased until their own batch is committed
            // and acked, and batches are applied one after the other, in the order pulled.
            let (queue, pullSettings, language) = (setup.queue, settings, context.language)
            ahead = Task { await Self.gather(queue, pullSettings) }
            let outcome = try await handle(pull.messages, setup, log: log, tally: &tally)
            // One ack in flight at most: the previous batch's is settled before this one's goes.
            try await Self.settle(&acking, tally: &tally)
            if !outcome.acks.isEmpty || !outcome.retries.isEmpty {
                acking = Task {
                    do {
                        return .success(try await Self.ack(outcome.acks, outcome.retries, queue, log: log, language: language))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            if outcome.applied {
                failures.reset()
            } else {
                try await Self.settle(&acking, tally: &tally)
                try await Task.sleep(for: failures.next())
            }
            let elapsed = Self.seconds(clock.now - started)
            // Forced: the engine's own progress ("applying: n/n") has just used the redraw budget,
            // and a rate-limited status after each batch was never shown when batches are quick.
            log.status(
                .watchStatus(backlog: tally.backlog, perSecond: elapsed > 0 ? Double(tally.pulled) / elapsed : 0, applied: tally.applied),
                force: true)
        }
    }

    /// Waits for `task` (cancelled with the caller).
    static func value<T: Sendable>(of task: Task<T, Never>) async -> T {
        await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
    }

    /// Waits for the ack in flight, if any, and counts what it could not ack. A refused token
    /// (or Ctrl-C) ends the run as it did before acks were overlapped.
    static func settle(_ acking: inout Task<Result<Int, any Error>, Never>?, tally: inout WatchTally) async throws {
        guard let task = acking else { return }
        acking = nil
        let unacked = try await value(of: task).get()
        if unacked > 0 {
            tally.errors += 1
            tally.unacked += unacked
        }
    }

    /// `--reconcile-every`: a full sync of the same scope and `--min-age`, with sync's guards
    /// (`--max-delete` at its default). Its outcome is logged like any sync; watch goes on.
    private func reconcile(_ every: Duration, log: SyncLog) async throws {
        log.info(.watchReconcile(DurationText.format(every)))
        let runner = SyncRunner(
            context: context, scope: scope, options: SyncOptions(minAge: settings.minAge), mode: .apply, assumeYes: true,
            reportPath: nil, lockWait: settings.lockWait)
        _ = try await runner.run()
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
