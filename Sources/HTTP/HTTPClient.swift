import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 client on libcurl that runs many transfers at once from one thread.
///
/// `send` suspends the calling task until the response is complete; up to
/// `configuration.concurrency` transfers run in parallel (more inside `withConcurrency(atLeast:_:)`)
/// and the rest queue. Connection errors, 5xx (but 501), 429 and S3 `SlowDown` are retried with
/// exponential backoff and jitter.
/// Cancelling the calling Task aborts the transfer in flight.
public final class HTTPClient: Sendable {
    /// Tuning knobs. The defaults suit S3/R2 and PostgREST.
    public struct Configuration: Sendable {
        /// Transfers in flight at once; more requests wait in a queue.
        public var concurrency: Int = 16
        /// Idle connections kept for reuse (CURLMOPT_MAXCONNECTS); at least `concurrency`.
        public var maxConnections: Int = 32
        /// Time allowed for TCP + TLS connect.
        public var connectTimeoutMilliseconds: Int = 10_000
        /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedSeconds` is aborted as a timeout.
        public var lowSpeedLimit: Int = 1
        public var lowSpeedSeconds: Int = 30
        /// Sent as `User-Agent` (never browser-like).
        public var userAgent: String = "r2s"
        public var retry: RetryPolicy = RetryPolicy()

        public init() {}
    }

    public let configuration: Configuration
    let engine: TransferEngine
    private let nextID = Atomic<Int>(0)

    /// Creates a client and its transfer thread.
    public init(configuration: Configuration = Configuration()) throws(CurlError) {
        Self.ignoreSIGPIPE
        self.configuration = configuration
        engine = try TransferEngine(
            concurrency: configuration.concurrency, maxConnections: configuration.maxConnections)
    }

    deinit { engine.shutdown() }

    /// With CURLOPT_NOSIGNAL set, a write to a socket the peer closed would raise SIGPIPE and kill
    /// the process; ignoring it turns that into an EPIPE error curl handles. Once per process.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// Sends `request`, retrying per `configuration.retry`, and returns the final response
    /// (whatever its status). Throws `CurlError` when no response came, `CancellationError`
    /// when the task was cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let policy = configuration.retry
        let clock = ContinuousClock()
        let start = clock.now
        var attempt = 0
        /// The wait before the next attempt, or nil when the deadline leaves no room for one.
        func nextWait(_ reason: @autoclosure () -> String, retryAfter: String?) -> Duration? {
            let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
            let elapsed = start.duration(to: clock.now)
            if let deadline = policy.deadline, elapsed + delay >= deadline { return nil }
            policy.onRetry?(RetryNotice(
                method: request.method, target: Self.redacted(request.url), attempt: attempt,
                maxAttempts: policy.maxAttempts, delay: delay, reason: reason(), elapsed: elapsed, deadline: policy.deadline))
            return delay
        }
        while true {
            try Task.checkCancellation()
            attempt += 1
            let retryable = attempt < policy.maxAttempts
            do {
                let response = try await perform(request)
                guard retryable, policy.shouldRetry(response),
                    let wait = nextWait("HTTP \(response.status)", retryAfter: response.header("retry-after"))
                else { return response }
                try await Task.sleep(for: wait)
            } catch let error as CurlError where retryable && error.isTransient {
                guard let wait = nextWait(error.description, retryAfter: nil) else { throw error }
                try await Task.sleep(for: wait)
            }
        }
    }

    /// `scheme://host/path` of a url: no userinfo, query or fragment (they may hold secrets).
    static func redacted(_ url: String) -> String {
        var text = Substring(url)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else { return String(text) }
        let hostStart = text.index(colon, offsetBy: 3)
        let rest = text[hostStart...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        if let at = rest[..<hostEnd].lastIndex(of: "@") {
            return String(text[..<hostStart]) + String(rest[rest.index(after: at)...])
        }
        return String(text)
    }

    /// One attempt, no retry.
    public func perform(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transfer = try Transfer(
            id: nextID.add(1, ordering: .relaxed).newValue, request: request, configuration: configuration)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.continuation = continuation
                engine.submit(transfer)
            }
        } onCancel: {
            engine.cancel(transfer)
        }
    }
}
