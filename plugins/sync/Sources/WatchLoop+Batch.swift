import EventQueue
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import SyncEngine

/// One batch of `watch`: its pulls, its apply, its ack.
extension WatchLoop {
    /// What the apply of one batch leaves to send to the queue.
    struct BatchOutcome: Sendable {
        var acks: [String] = []
        var retries: [QueueRetry] = []
        /// False when the apply failed: its keyed messages are not acked (the queue delivers
        /// them again); only those that needed no apply (foreign, out of scope) are.
        var applied = true
    }

    /// Pulls applied under one lock at most: a backlog is applied 500 messages at a time, so the
    /// lock, the row look-up and the transaction are paid once per 500 events, not per 100.
    static let pullsPerApply = 5

    /// One pull and, while the queue hands out full batches, a few more to apply together. A
    /// failing first pull is the result; a failing extra pull only ends the gathering (what was
    /// pulled is applied; the backoff is the main loop's).
    static func gather(_ queue: any EventQueue, _ settings: WatchSettings) async -> Result<QueuePull, any Error> {
        let first: QueuePull
        do {
            first = try await queue.pull(batchSize: settings.batch, visibility: settings.visibility)
        } catch {
            return .failure(error)
        }
        var messages = first.messages
        var backlog = first.backlog
        var last = first.messages.count
        var pulls = 1
        var known = Set(messages.map(\.id))
        while last == settings.batch, pulls < Self.pullsPerApply, !Task.isCancelled {
            guard let next = try? await queue.pull(batchSize: settings.batch, visibility: settings.visibility) else { break }
            for m in next.messages where known.insert(m.id).inserted { messages.append(m) }
            backlog = next.backlog ?? backlog
            last = next.messages.count
            pulls += 1
        }
        return .success(QueuePull(messages: messages, backlog: backlog))
    }

    /// Applies one pulled batch and says what to ack: what is settled (applied, or needing no
    /// apply), and the young keys to hand back for later.
    func handle(_ messages: [QueueMessage], _ setup: Setup, log: SyncLog, tally: inout WatchTally) async throws -> BatchOutcome {
        var outcome = BatchOutcome()
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
                outcome.acks.append(m.leaseID)
            } else if setup.ignored(event.key) || !setup.prefixes.contains(where: { event.key.hasPrefix($0) }) {
                tally.outOfScope += 1
                outcome.acks.append(m.leaseID)
            } else {
                keyed.append((m, event.key))
            }
        }
        var unique: [String: String] = [:]
        for (_, key) in keyed where unique[KeyMapping.canonicalKey(key)] == nil { unique[KeyMapping.canonicalKey(key)] = key }
        tally.duplicates += keyed.count - unique.count
        guard !unique.isEmpty else { return outcome }
        var options = setup.options
        options.now = Date()
        let result: KeySyncResult
        do {
            result = try await setup.engine.sync(keys: unique.values.sorted(), options: options) { [log] in log.handle($0) }
        } catch let error as SyncError where error.exitStatus != .config {
            tally.errors += 1
            tally.unacked += keyed.count
            log.error(.watchBatchFailed(context.session.secrets.scrub(error.localizedMessage(context.language))))
            outcome.applied = false
            return outcome
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
        let committed = Int64(Date().timeIntervalSince1970 * 1000)
        for (m, key) in keyed {
            let canonical = KeyMapping.canonicalKey(key)
            if result.young.contains(canonical) {
                young += 1
                outcome.retries.append(QueueRetry(leaseID: m.leaseID, delaySeconds: delay))
                continue
            }
            if result.absent.contains(canonical) {
                tally.unchanged += 1
            } else if !result.inScope.contains(canonical) {
                tally.outOfScope += 1
            }
            outcome.acks.append(m.leaseID)
            if m.timestampMS > 0 { tally.lag(committed - m.timestampMS) }
        }
        if young > 0 {
            tally.retried += young
            log.info(.watchYoung(young, minAge: DurationText.format(settings.minAge)))
        }
        return outcome
    }

    /// Acks after the commit, retrying transient failures a few times; returns how many
    /// messages stayed unacked. An ack that never lands only means redelivery, which the
    /// HEAD-based apply makes harmless.
    static func ack(
        _ acks: [String], _ retries: [QueueRetry], _ queue: any EventQueue, log: SyncLog, language: Language
    ) async throws -> Int {
        guard !acks.isEmpty || !retries.isEmpty else { return 0 }
        var backoff = Backoff(base: .milliseconds(250), cap: .seconds(5))
        for attempt in 1...5 {
            do {
                try await queue.ack(acks, retries: retries)
                return 0
            } catch let error as QueueError where error.isTransient && attempt < 5 {
                let pause = backoff.next()
                log.warning(.watchRetrying(error.localizedMessage(language), seconds: seconds(pause)))
                try await Task.sleep(for: pause)
            } catch let error as QueueError where error.isTransient {
                log.warning(.watchAckFailed(error.localizedMessage(language)))
            }
        }
        return acks.count + retries.count
    }
}
