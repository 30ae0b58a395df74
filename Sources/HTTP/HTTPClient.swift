import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 client on libcurl that runs many transfers at once from one thread.
///
/// `send` suspends the calling task until the response is complete; up to
/// `configuration.concurrency` transfers run in parallel and the rest queue. Connection errors,
/// 5xx (but 501), 429 and S3 `SlowDown` are retried with exponential backoff and jitter.
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
    private let engine: TransferEngine
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
        var attempt = 0
        while true {
            try Task.checkCancellation()
            attempt += 1
            let retryable = attempt < policy.maxAttempts
            do {
                let response = try await perform(request)
                guard retryable, policy.shouldRetry(response) else { return response }
                try await Task.sleep(for: policy.delay(afterAttempt: attempt, retryAfter: response.header("retry-after")))
            } catch let error as CurlError where retryable && error.isTransient {
                try await Task.sleep(for: policy.delay(afterAttempt: attempt, retryAfter: nil))
            }
        }
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
