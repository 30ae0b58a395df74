import FoundationEssentials
import SyncEngine
import Synchronization

/// The partition plans a worker made in the planning phase, kept for the apply phase: a worker
/// that claims the apply of a partition it planned applies that plan instead of listing and
/// reading the partition again (the checkpointed apply re-checks every change against the
/// catalog just before writing it). A takeover, or a plan older than the lease, plans again.
///
/// A plan in memory counts against `maxChanges`; a spilled plan (a large partition, or
/// `--partition-size`) is on disk, so only its counts are held here. Whoever drops a plan
/// removes its folder: `take` (applied, or too old), `keep` (replaced), `removeAll` (the run is
/// over, or the worker stops on an error).
final class SyncWorkerPlans: Sendable {
    struct Held: Sendable {
        var plan: BoundedPlan
        var madeAt: ContinuousClock.Instant
    }

    private let plans = Mutex<[String: Held]>([:])

    /// The most planned changes a worker holds in memory: beyond, a partition planned in memory
    /// is planned again at apply time, so a worker's memory stays bounded when a run changes
    /// much of the bucket. Spilled plans do not count (their changes are on disk).
    static let maxChanges = 200_000

    /// Keeps `plan` for `prefix`; an in-memory plan past `maxChanges` is dropped instead.
    func keep(_ plan: BoundedPlan, for prefix: String) {
        let dropped: [BoundedPlan] = plans.withLock { plans in
            let held = plans.values.reduce(0) { $0 + $1.plan.changesInMemory }
            guard held + plan.changesInMemory <= Self.maxChanges else { return [plan] }
            let replaced = plans.updateValue(Held(plan: plan, madeAt: .now), forKey: prefix)
            return replaced.map { [$0.plan] } ?? []
        }
        for plan in dropped { plan.remove() }
    }

    /// The partitions whose plans are held, to claim them first.
    var prefixes: [String] { plans.withLock { $0.keys.sorted() } }

    /// Removes and returns the plan of `prefix` when it is younger than `maxAge` (an older one
    /// is removed, folder and all).
    func take(_ prefix: String, maxAge: Duration) -> BoundedPlan? {
        guard let held = plans.withLock({ $0.removeValue(forKey: prefix) }) else { return nil }
        guard ContinuousClock.now - held.madeAt < maxAge else {
            held.plan.remove()
            return nil
        }
        return held.plan
    }

    /// Drops every plan held and removes the spilled ones' folders.
    func removeAll() {
        let all = plans.withLock { plans in
            defer { plans = [:] }
            return Array(plans.values)
        }
        for held in all { held.plan.remove() }
    }

    deinit { removeAll() }
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
