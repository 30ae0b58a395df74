import FoundationEssentials
import SyncEngine
import Synchronization

/// The partition plans a worker made in the planning phase, kept for the apply phase: a worker
/// that claims the apply of a partition it planned applies that plan instead of listing and
/// reading the partition again (the checkpointed apply re-checks every change against the
/// catalog just before writing it). A takeover, or a plan older than the lease, plans again.
final class SyncWorkerPlans: Sendable {
    struct Held: Sendable {
        var result: SyncResult
        var madeAt: ContinuousClock.Instant
    }

    private let plans = Mutex<[String: Held]>([:])

    /// The most planned changes a worker holds: beyond, a partition is planned again at apply
    /// time, so a worker's memory stays bounded when a run changes much of the bucket.
    static let maxChanges = 200_000

    func keep(_ result: SyncResult, for prefix: String) {
        plans.withLock { plans in
            let held = plans.values.reduce(0) { $0 + $1.result.plan.changeCount }
            if held + result.plan.changeCount <= Self.maxChanges { plans[prefix] = Held(result: result, madeAt: .now) }
        }
    }

    /// The partitions whose plans are held, to claim them first.
    var prefixes: [String] { plans.withLock { $0.keys.sorted() } }

    /// Removes and returns the plan of `prefix` when it is younger than `maxAge`.
    func take(_ prefix: String, maxAge: Duration) -> SyncResult? {
        guard let held = plans.withLock({ $0.removeValue(forKey: prefix) }) else { return nil }
        return ContinuousClock.now - held.madeAt < maxAge ? held.result : nil
    }
}

/// Waiting for another process to finish a phase: short pauses at first (the phase is often a
/// moment from its end), growing to `longest`, so an idle worker does not keep the catalog busy.
struct PhaseWait {
    private var next: Duration = .milliseconds(25)
    var longest: Duration = .milliseconds(400)

    mutating func pause() async throws {
        try await Task.sleep(for: next)
        next = min(next * 2, longest)
    }

    mutating func reset() { next = .milliseconds(25) }
}
