import UserFacing

/// A failed S3 operation: configuration, the server's error document, or the transport.
///
/// Carries only what is safe to show: the S3 error code and message, the request id, the
/// operation, key and endpoint — never credentials, Authorization headers or presigned queries.
public struct S3Error: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        // Configuration (exit status 3): a setting only the client reads (`R2S_RETRY_DEADLINE`);
        // the profile's settings are `S3Settings`'s `ConfigError`s.
        case invalidSetting(name: String, reason: String)
        // Server-reported.
        case invalidAccessKeyID
        case signatureDoesNotMatch
        case accessDenied
        case noSuchBucket
        case noSuchKey
        case requestTimeTooSkewed
        /// Any other S3 error code (`NotImplemented`, `SlowDown`, `InternalError`, …), or
        /// `HTTP <status>` when the response had no error document.
        case service(String)
        // Transport.
        case connectionFailed
        case dnsFailure
        case tls
        case timeout
        case connectionLost
        // Local.
        case localFile
        case invalidResponse(String)
        case invalidArgument(String)
    }

    public var code: Code
    /// HTTP status, when a response arrived.
    public var status: Int?
    /// The server's `<Message>` (or curl's transport detail).
    public var detail: String?
    /// `x-amz-request-id` / `<RequestId>`, for support tickets.
    public var requestID: String?
    /// The S3 operation (`ListObjectsV2`, `PutObject`, …).
    public var operation: String?
    /// The object key involved, if any.
    public var key: String?
    /// The bucket involved, if any.
    public var bucket: String?
    /// The endpoint (origin + base path; no secrets).
    public var endpoint: String?

    public init(
        _ code: Code, status: Int? = nil, detail: String? = nil, requestID: String? = nil, operation: String? = nil,
        key: String? = nil, bucket: String? = nil, endpoint: String? = nil
    ) {
        self.code = code
        self.status = status
        self.detail = detail
        self.requestID = requestID
        self.operation = operation
        self.key = key
        self.bucket = bucket
        self.endpoint = endpoint
    }

    /// Maps an S3 error-document code to a `Code`.
    static func code(forS3Code s3Code: String) -> Code {
        switch s3Code {
        case "InvalidAccessKeyId": .invalidAccessKeyID
        case "SignatureDoesNotMatch": .signatureDoesNotMatch
        case "AccessDenied": .accessDenied
        case "NoSuchBucket": .noSuchBucket
        case "NoSuchKey": .noSuchKey
        case "RequestTimeTooSkewed": .requestTimeTooSkewed
        default: .service(s3Code)
        }
    }

    /// True for errors that mean "configuration, credentials or connectivity" (exit status 3).
    public var isConfigurationOrConnection: Bool {
        switch code {
        case .invalidSetting, .invalidAccessKeyID, .signatureDoesNotMatch, .accessDenied,
            .noSuchBucket, .requestTimeTooSkewed, .connectionFailed, .dnsFailure, .tls, .timeout, .connectionLost:
            true
        case .noSuchKey, .service, .localFile, .invalidResponse, .invalidArgument: false
        }
    }

    public var description: String { userMessage }
}
