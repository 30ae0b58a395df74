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
    private struct Setup {
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
        while true {
            try Task.checkCancellation()
            if let due = nextReconcile, clock.now >= due, let every = settings.reconcileEvery {
                try await reconcile(every, log: log)
                tally.reconciles += 1
                nextReconcile = clock.now + every
            }
            let pull: QueuePull
            do {
                pull = try await setup.queue.pull(batchSize: settings.batch, visibility: settings.visibility)
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
            if settings.drain, !fresh { return }
            if pull.messages.isEmpty {
                // Every pull is billed and answered at once: pause, longer while the queue stays empty.
                var pause = idle.next()
                if let due = nextReconcile { pause = min(pause, max(.zero, due - clock.now)) }
                try await Task.sleep(for: pause)
                continue
            }
            idle.reset()
            let messages = try await more(after: pull, setup.queue)
            if seen.count > 1_000_000 { seen.removeAll(keepingCapacity: true) }  // bounded when run for months
            for m in messages { seen.insert(m.id) }
            if try await handle(messages, setup, log: log, tally: &tally) {
                failures.reset()
            } else {
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

    /// Pulls applied under one lock at most: a backlog is applied 500 messages at a time, so the
    /// lock, the row look-up and the transaction are paid once per 500 events, not per 100.
    static let pullsPerApply = 5

    /// While the queue hands out full batches, pulls a few more to apply together. A failing
    /// extra pull only ends the gathering (what was pulled is applied; the backoff is the main loop's).
    private func more(after first: QueuePull, _ queue: any EventQueue) async throws -> [QueueMessage] {
        var messages = first.messages
        var last = first.messages.count
        var pulls = 1
        while last == settings.batch, pulls < Self.pullsPerApply {
            guard let next = try? await queue.pull(batchSize: settings.batch, visibility: settings.visibility) else { break }
            try Task.checkCancellation()
            let known = Set(messages.map(\.id))
            messages += next.messages.filter { !known.contains($0.id) }
            last = next.messages.count
            pulls += 1
        }
        return messages
    }

    /// Applies one pulled batch and acks what is settled. Returns false when the batch failed
    /// (nothing acked: the queue delivers it again).
    private func handle(_ messages: [QueueMessage], _ setup: Setup, log: SyncLog, tally: inout WatchTally) async throws -> Bool {
        var acks: [String] = [], retries: [QueueRetry] = []
        var keyed: [(message: QueueMessage, key: String)] = []
        for m in messages {
            tally.pulled += 1
            guard let body = m.body, let event = R2Event.decode(body) else {
                tally.errors += 1
                tally.unacked += 1
                // The id comes from the server: printable characters only, bounded, in a log line.
                let id = String(m.id.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }.prefix(64))
                log.warning(.watchUndecodable(id: id, attempts: m.attempts))
                continue
            }
            if event.bucket != setup.bucket {
                tally.foreignBucket += 1
                acks.append(m.leaseID)
            } else if setup.ignored(event.key) || !setup.prefixes.contains(where: { event.key.hasPrefix($0) }) {
                tally.outOfScope += 1
                acks.append(m.leaseID)
            } else {
                keyed.append((m, event.key))
            }
        }
        var unique: [String: String] = [:]
        for (_, key) in keyed where unique[KeyMapping.canonicalKey(key)] == nil { unique[KeyMapping.canonicalKey(key)] = key }
        tally.duplicates += keyed.count - unique.count
        var applied: [QueueMessage] = []
        if !unique.isEmpty {
            var options = setup.options
            options.now = Date()
            let result: KeySyncResult
            do {
                result = try await setup.engine.sync(keys: unique.values.sorted(), options: options) { [log] in log.handle($0) }
            } catch let error as SyncError where error.exitStatus != .config {
                tally.errors += 1
                tally.unacked += keyed.count
                log.error(.watchBatchFailed(context.session.secrets.scrub(error.localizedMessage(context.language))))
                try await ack(acks, [], setup, log: log, tally: &tally)
                return false
            }
            for u in result.updated { log.info(.watchRecordUpdated(nome: u.nome, url: u.url)) }
            let s = result.result.summary
            tally.added += s.added
            tally.removed += s.removed
            tally.restored += s.restored
            tally.updated += result.updated.count
            tally.unchanged += max(0, s.unchanged - result.updated.count)
            let delay = Int(settings.minAge.components.seconds) + 1
            var young = 0
            for (m, key) in keyed {
                let canonical = KeyMapping.canonicalKey(key)
                if result.young.contains(canonical) {
                    young += 1
                    retries.append(QueueRetry(leaseID: m.leaseID, delaySeconds: delay))
                } else {
                    if result.absent.contains(canonical) {
                        tally.unchanged += 1
                    } else if !result.inScope.contains(canonical) {
                        tally.outOfScope += 1
                    }
                    acks.append(m.leaseID)
                    applied.append(m)
                }
            }
            if young > 0 {
                tally.retried += young
                log.info(.watchYoung(young, minAge: DurationText.format(settings.minAge)))
            }
        }
        let committed = Int64(Date().timeIntervalSince1970 * 1000)
        for m in applied where m.timestampMS > 0 { tally.lag(committed - m.timestampMS) }
        try await ack(acks, retries, setup, log: log, tally: &tally)
        return true
    }

    /// Acks after the commit, retrying transient failures a few times. An ack that never lands
    /// only means redelivery, which the HEAD-based apply makes harmless.
    private func ack(_ acks: [String], _ retries: [QueueRetry], _ setup: Setup, log: SyncLog, tally: inout WatchTally) async throws {
        guard !acks.isEmpty || !retries.isEmpty else { return }
        var backoff = Backoff(base: .milliseconds(250), cap: .seconds(5))
        for attempt in 1...5 {
            do {
                try await setup.queue.ack(acks, retries: retries)
                return
            } catch let error as QueueError where error.isTransient && attempt < 5 {
                let pause = backoff.next()
                log.warning(.watchRetrying(error.localizedMessage(context.language), seconds: Self.seconds(pause)))
                try await Task.sleep(for: pause)
            } catch let error as QueueError where error.isTransient {
                tally.errors += 1
                tally.unacked += acks.count + retries.count
                log.warning(.watchAckFailed(error.localizedMessage(context.language)))
            }
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
