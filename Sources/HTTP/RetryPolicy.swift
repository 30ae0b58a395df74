/// When and how long `HTTPClient` waits before trying a request again.
public struct RetryPolicy: Sendable {
    /// Total attempts including the first (1 = never retry).
    public var maxAttempts: Int
    /// The first backoff; each further attempt doubles it.
    public var baseDelayMilliseconds: Int
    /// The cap for one wait (also for a server's `Retry-After`).
    public var maxDelayMilliseconds: Int
    /// The total time one request may take with its retries: no retry starts (and no wait
    /// reaches) past it; `nil` = only `maxAttempts` limits. An attempt in flight is bounded by
    /// the connect and stall timeouts, not cut by the deadline (a large transfer that is
    /// progressing must not be killed).
    public var deadline: Duration?
    /// Told before each wait-and-retry (for a progress line or a log); called on the client's
    /// task, keep it cheap.
    public var onRetry: (@Sendable (RetryNotice) -> Void)?

    public init(
        maxAttempts: Int = 5, baseDelayMilliseconds: Int = 200, maxDelayMilliseconds: Int = 10_000,
        deadline: Duration? = nil, onRetry: (@Sendable (RetryNotice) -> Void)? = nil
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelayMilliseconds = max(0, baseDelayMilliseconds)
        self.maxDelayMilliseconds = max(0, maxDelayMilliseconds)
        self.deadline = deadline
        self.onRetry = onRetry
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

/// One retry about to happen: what failed and when the next attempt starts.
public struct RetryNotice: Sendable {
    /// `GET`, `PUT`…
    public var method: String
    /// Scheme, host and path of the request, never its query (presigned and filter parameters)
    /// or userinfo.
    public var target: String
    /// The attempt that just failed (1-based) and the most attempts there will be.
    public var attempt: Int
    public var maxAttempts: Int
    /// The wait before the next attempt.
    public var delay: Duration
    /// Why: `HTTP 503`, or the transport error's text.
    public var reason: String
    /// Time spent on this request so far, and the deadline if any.
    public var elapsed: Duration
    public var deadline: Duration?

    public init(
        method: String, target: String, attempt: Int, maxAttempts: Int, delay: Duration, reason: String, elapsed: Duration,
        deadline: Duration?
    ) {
        self.method = method
        self.target = target
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.delay = delay
        self.reason = reason
        self.elapsed = elapsed
        self.deadline = deadline
    }
}
