import R2SCore

/// `watch`'s running counts, its summary (`--json`: one object) and the enqueue→commit lag.
struct WatchTally {
    var pulled = 0, added = 0, removed = 0, restored = 0, updated = 0, unchanged = 0
    var duplicates = 0, outOfScope = 0, foreignBucket = 0, errors = 0
    /// Messages not acked: undecodable, or in a batch that failed (the queue delivers them again).
    var unacked = 0
    /// Messages handed back for later (`--min-age`).
    var retried = 0
    var reconciles = 0
    var backlog: Int?
    /// Milliseconds from enqueue to the commit of the batch that applied each acked message;
    /// at most `lagSamples` kept (a reservoir), so a watch that runs for months stays bounded.
    private(set) var lags: [Int64] = []
    private var lagSeen = 0
    static let lagSamples = 100_000

    var applied: Int { added + removed + restored + updated }

    mutating func lag(_ ms: Int64) {
        lagSeen += 1
        if lags.count < Self.lagSamples {
            lags.append(max(0, ms))
        } else {
            let slot = Int.random(in: 0..<lagSeen)
            if slot < Self.lagSamples { lags[slot] = max(0, ms) }
        }
    }

    /// The `q` quantile (0…1) of the lags, nearest rank; `nil` when nothing was acked.
    func lagQuantile(_ q: Double) -> Int64? {
        guard !lags.isEmpty else { return nil }
        let sorted = lags.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    var fields: [(String, OutputValue)] {
        func n(_ v: Int64?) -> OutputValue { v.map { .int($0) } ?? .null }
        return [
            ("pulled", .number(pulled)), ("added", .number(added)), ("removed", .number(removed)),
            ("restored", .number(restored)), ("updated", .number(updated)), ("unchanged", .number(unchanged)),
            ("duplicates", .number(duplicates)), ("out_of_scope", .number(outOfScope)),
            ("foreign_bucket", .number(foreignBucket)), ("errors", .number(errors)), ("unacked", .number(unacked)),
            ("retried", .number(retried)), ("reconciles", .number(reconciles)),
            ("lag_p50_ms", n(lagQuantile(0.5))), ("lag_p99_ms", n(lagQuantile(0.99))),
        ]
    }
}

/// Exponential backoff with "equal jitter" (half fixed, half random), so several watchers that
/// failed together do not retry together, and none retries at once.
struct Backoff {
    var base: Duration
    var cap: Duration
    private var attempt = 0

    init(base: Duration, cap: Duration) {
        self.base = base
        self.cap = cap
    }

    mutating func reset() { attempt = 0 }

    mutating func next() -> Duration {
        let ms = Self.ms(base) << min(attempt, 20)
        attempt += 1
        let step = min(Self.ms(cap), ms)
        return .milliseconds(step / 2 + Int64.random(in: 0...max(0, step - step / 2)))
    }

    private static func ms(_ d: Duration) -> Int64 { d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000 }
}
