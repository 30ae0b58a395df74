public import FoundationEssentials

/// How the catalog stores retry a write that failed transiently (PostgREST 5xx/429 or a lost
/// connection; Postgres serialization failures, deadlocks or a lost connection).
///
/// Only writes that are safe to replay go through it: updates by id (replaying sets the same
/// values again) and inserts that carry client-generated ids, whose replay — when the first
/// attempt did land and only its answer was lost — fails on the primary key and is then
/// verified as the same rows (`InsertReplay`). The table has no unique url, so a blind replay of
/// an insert without ids would duplicate rows. Constraint errors are never retried.
public struct WriteRetry: Sendable {
    /// Total attempts including the first.
    public var maxAttempts: Int
    /// The first wait; each further attempt doubles it, up to `maxDelayMilliseconds`.
    public var baseDelayMilliseconds: Int
    public var maxDelayMilliseconds: Int

    public init(maxAttempts: Int = 5, baseDelayMilliseconds: Int = 200, maxDelayMilliseconds: Int = 5_000) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelayMilliseconds = max(0, baseDelayMilliseconds)
        self.maxDelayMilliseconds = max(0, maxDelayMilliseconds)
    }

    /// The stores' default: 5 attempts, 0.2 s doubling to at most 5 s (about 3 s in all), like
    /// the S3 client's retries.
    public static let standard = WriteRetry()

    /// Exponential backoff with equal jitter: half the step fixed, half random, so writers that
    /// failed together do not retry together.
    public func delay(afterAttempt attempt: Int) -> Duration {
        let step = min(maxDelayMilliseconds, baseDelayMilliseconds << min(max(attempt - 1, 0), 20))
        return .milliseconds(step / 2 + Int.random(in: 0...max(0, step - step / 2)))
    }

    /// Runs `attempt` until it succeeds, throws an error `isTransient` rejects, or the attempts
    /// run out (then the last error is thrown). `attempt` gets the 1-based attempt number, so a
    /// replay can tell itself from the first try.
    public func run<T>(
        isTransient: (any Error) -> Bool, _ attempt: (Int) async throws -> T
    ) async throws -> T {
        var number = 1
        while true {
            do {
                return try await attempt(number)
            } catch {
                guard number < maxAttempts, !(error is CancellationError), isTransient(error) else { throw error }
                try await Task.sleep(for: delay(afterAttempt: number))
                number += 1
            }
        }
    }
}

extension CatalogError {
    /// A failure a later attempt may not meet: the server unreachable or gone mid-request
    /// (`.connection`: PostgREST 5xx and transport errors, Postgres connection loss),
    /// PostgREST's 429, and Postgres's serialization failure (40001), deadlock (40P01) and
    /// shutdown/restart codes (57P01–57P03). Constraint violations (23xxx) are never transient.
    public var isTransient: Bool {
        if let code = serverCode, code.hasPrefix("23") { return false }
        if code == .connection { return true }
        guard let code = serverCode else { return false }
        return ["40001", "40P01", "57P01", "57P02", "57P03", "429"].contains(code) || code.hasPrefix("08")
    }
}

/// Deciding whether a failed insert's replay met rows the first attempt already wrote.
public enum InsertReplay {
    /// True when `error` is a primary-key/unique violation (SQLSTATE 23505), the answer a replay
    /// gets when its first attempt landed.
    public static func isDuplicateKey(_ error: any Error) -> Bool {
        (error as? CatalogError)?.serverCode == "23505"
    }

    /// True when `stored` holds exactly the rows `rows` would have written under `ids`: then
    /// the first attempt landed and its answer was lost. Anything else (a missing id, another
    /// name or url) is a real conflict and the replay's error stands.
    public static func landed(_ rows: [NewRecord], ids: [UUID], stored: [CatalogRecord]) -> Bool {
        guard rows.count == ids.count else { return false }
        let byId = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (row, id) in zip(rows, ids) {
            guard let s = byId[id], s.nome == row.nome, s.url == row.url, s.contentType == row.contentType,
                s.size == row.size, s.deletedAt == nil
            else { return false }
        }
        return true
    }
}
