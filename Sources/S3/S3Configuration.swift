public import HTTP

/// Everything an `S3Client` needs: where, which bucket, who, and transfer tuning.
///
/// `description` never shows the secret.
public struct S3Configuration: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// How uploads declare their payload in SigV4.
    public enum PayloadSigning: Sendable, Hashable {
        /// `x-amz-content-sha256` = SHA-256 of the body (one extra CPU pass, done together with MD5).
        case signed
        /// `UNSIGNED-PAYLOAD` (integrity from Content-MD5 and TLS).
        case unsigned
    }

    public var endpoint: S3Endpoint
    public var bucket: String
    /// `auto` for R2.
    public var region: String
    public var accessKeyID: String
    /// Read by the signer only; never printed.
    public var secretAccessKey: String
    /// `https://endpoint/bucket/key` (true) or `https://bucket.endpoint/key`.
    public var pathStyle: Bool

    /// Files larger than this go multipart (default 64 MiB).
    public var multipartThreshold: Int64 = 64 << 20
    /// Preferred part size (default 16 MiB); raised when needed to stay within 10,000 parts, and
    /// never below S3's 5 MiB minimum.
    public var partSize: Int64 = 16 << 20
    /// Parts of one multipart upload in flight at once.
    public var partConcurrency: Int = 4
    /// DeleteObjects batches in flight at once.
    public var deleteConcurrency: Int = 4
    public var payloadSigning: PayloadSigning = .signed
    /// HTTP tuning: concurrency (default 16), timeouts, retries.
    public var http = HTTPSettings()

    /// The HTTP knobs S3 exposes (mirrors `HTTPClient.Configuration` without importing it here).
    public struct HTTPSettings: Sendable {
        public var concurrency = 16
        public var connectTimeoutMilliseconds = 10_000
        public var lowSpeedSeconds = 30
        public var maxAttempts = 5
        public var retryBaseDelayMilliseconds = 200
        /// Total seconds one request may take with its retries (`R2S_RETRY_DEADLINE`): no retry
        /// starts past it. A frozen server otherwise costs 5 attempts × the 30 s stall timeout.
        public var retryDeadlineSeconds = S3Configuration.defaultRetryDeadlineSeconds
        /// Told before each retry (the shell prints a `retrying …` line).
        public var onRetry: (@Sendable (RetryNotice) -> Void)?
        public init() {}
    }

    public init(
        endpoint: S3Endpoint, bucket: String, region: String = "auto", accessKeyID: String,
        secretAccessKey: String, pathStyle: Bool = true
    ) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.pathStyle = pathStyle
    }

    /// `R2S_RETRY_DEADLINE`'s default (seconds).
    public static let defaultRetryDeadlineSeconds = 60

    /// S3's smallest part (except the last).
    public static let minimumPartSize: Int64 = 5 << 20
    /// S3's largest part count.
    public static let maximumParts: Int64 = 10_000

    public var description: String {
        "S3Configuration(\(endpoint), bucket: \(bucket), region: \(region), accessKeyID: \(accessKeyID), secret: <redacted>)"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: [
            "endpoint": endpoint.description, "bucket": bucket, "region": region, "accessKeyID": accessKeyID,
            "secretAccessKey": "<redacted>", "pathStyle": pathStyle,
        ])
    }
}
