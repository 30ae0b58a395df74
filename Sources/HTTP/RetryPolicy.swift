/// When and how long `HTTPClient` waits before trying a request again.
public struct RetryPolicy: Sendable {
    /// Total attempts including the first (1 = never retry).
    public var maxAttempts: Int
    /// The first backoff; each further attempt doubles it.
    public var baseDelayMilliseconds: Int
    /// The cap for one wait (also for a server's `Retry-After`).
    public var maxDelayMilliseconds: Int

    public init(maxAttempts: Int = 5, baseDelayMilliseconds: Int = 200, maxDelayMilliseconds: Int = 10_000) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelayMilliseconds = max(0, baseDelayMilliseconds)
        self.maxDelayMilliseconds = max(0, maxDelayMilliseconds)
    }

    /// Never retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// True for responses a later attempt may turn into a success: 5xx except 501 (R2's answer
    /// to an unsupported header, which no retry fixes), 429, and S3 `SlowDown` in any status.
    public func shouldRetry(_ response: HTTPResponse) -> Bool {
        if response.status == 429 || (response.status >= 500 && response.status != 501) { return true }
        return !response.isSuccess && response.body.count < 4096 && response.text.contains("<Code>SlowDown</Code>")
    }

    /// Exponential backoff with "equal jitter": half the step fixed, half random, so concurrent
    /// clients spread out but none retries immediately. A numeric `Retry-After` (seconds) raises
    /// the wait, within the cap.
    public func delay(afterAttempt attempt: Int, retryAfter: String?) -> Duration {
        let step = min(maxDelayMilliseconds, baseDelayMilliseconds << min(attempt - 1, 20))
        var ms = step / 2 + Int.random(in: 0...max(0, step - step / 2))
        if let retryAfter, let seconds = Int(retryAfter.trimmingSpaces()) {
            ms = max(ms, min(maxDelayMilliseconds, seconds * 1000))
        }
        return .milliseconds(ms)
    }
}
