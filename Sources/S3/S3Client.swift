public import FoundationEssentials
internal import Digests
internal import HTTP
public import ObjectStore
internal import SigV4

/// An `ObjectStore` on S3/R2: SigV4-signed requests over the libcurl `HTTPClient`.
///
/// All keys are raw strings; the client encodes them once per segment for the wire. Requests
/// carry only headers R2 supports (no aws-chunked, no checksum headers besides Content-MD5).
public final class S3Client: ObjectStore {
    public let configuration: S3Configuration
    let http: HTTPClient
    let signer: SigV4Signer
    /// The signing time source (injectable so tests can simulate clock skew).
    let clock: @Sendable () -> Date

    /// Creates a client; the HTTP transfer thread starts here.
    public init(configuration: S3Configuration, clock: @escaping @Sendable () -> Date = { Date() }) throws(S3Error) {
        self.configuration = configuration
        self.clock = clock
        signer = SigV4Signer(
            credentials: SigV4Credentials(
                accessKeyID: configuration.accessKeyID, secretAccessKey: configuration.secretAccessKey),
            region: configuration.region)
        var httpConfig = HTTPClient.Configuration()
        httpConfig.concurrency = configuration.http.concurrency
        httpConfig.maxConnections = max(32, configuration.http.concurrency)
        httpConfig.connectTimeoutMilliseconds = configuration.http.connectTimeoutMilliseconds
        httpConfig.lowSpeedSeconds = configuration.http.lowSpeedSeconds
        httpConfig.retry = RetryPolicy(
            maxAttempts: configuration.http.maxAttempts, baseDelayMilliseconds: configuration.http.retryBaseDelayMilliseconds,
            deadline: .seconds(configuration.http.retryDeadlineSeconds), onRetry: configuration.http.onRetry)
        httpConfig.userAgent = "r2s"
        do {
            http = try HTTPClient(configuration: httpConfig)
        } catch {
            throw S3Error(.connectionFailed, detail: error.detail)
        }
    }

    public var displayName: String { "s3://\(configuration.bucket) (\(configuration.endpoint))" }

    // MARK: request plumbing

    /// One S3 call before signing.
    struct Operation {
        var name: String
        var method: String
        /// Object key, or nil for a bucket-level request.
        var key: String?
        var bucket: String?
        var query: [SigV4Field] = []
        var headers: [SigV4Field] = []
        var body: HTTPRequestBody = .none
        /// Hex SHA-256 of the body, `emptyPayloadHash` or `unsignedPayload`.
        var payloadHash: String = SigV4Signer.emptyPayloadHash
        var response: HTTPResponseBody = .memory
        var progress: (@Sendable (Int64, Int64?) -> Void)?
    }

    func operation(_ name: String, _ method: String, key: String? = nil) -> Operation {
        Operation(name: name, method: method, key: key, bucket: configuration.bucket)
    }

    /// Host and raw path for a bucket/key under the configured addressing style.
    func location(bucket: String?, key: String?) -> (host: String, path: String) {
        let e = configuration.endpoint
        guard let bucket else { return (e.authority, e.basePath + "/") }
        if configuration.pathStyle {
            return (e.authority, e.basePath + "/" + bucket + (key.map { "/" + $0 } ?? ""))
        }
        return (bucket + "." + e.authority, e.basePath + "/" + (key ?? ""))
    }

    /// Signs and sends `op`; returns the response of any status. Transport failures become S3Error.
    func send(_ op: Operation) async throws -> HTTPResponse {
        let (host, path) = location(bucket: op.bucket, key: op.key)
        let signed: SigV4SignedRequest
        do {
            signed = try signer.sign(
                SigV4Request(method: op.method, host: host, path: path, query: op.query, headers: op.headers),
                payloadHash: op.payloadHash, date: clock())
        } catch {
            throw S3Error(.invalidArgument(error.description), operation: op.name)
        }
        let origin = configuration.pathStyle ? configuration.endpoint.origin : "\(configuration.endpoint.scheme)://\(host)"
        let request = HTTPRequest(
            method: op.method, url: origin + signed.pathAndQuery,
            headers: signed.headers.map { HTTPHeader($0.name, $0.value) }, body: op.body, response: op.response,
            progress: op.progress)
        do {
            return try await http.send(request)
        } catch let error as CurlError {
            throw transportError(error, op)
        }
    }

    /// Sends `op` and throws unless the status is 2xx.
    @discardableResult
    func sendChecked(_ op: Operation) async throws -> HTTPResponse {
        let response = try await send(op)
        guard response.isSuccess else { throw serviceError(response, op) }
        return response
    }

    /// The S3Error for a non-2xx response (or a 200 carrying an `<Error>` document).
    func serviceError(_ response: HTTPResponse, _ op: Operation) -> S3Error {
        var s3Code: String?
        var message: String?
        var requestID = response.header("x-amz-request-id")
        if let root = try? XMLParser.parse(response.body), root.name == "Error" {
            s3Code = root.value("Code")
            message = root.value("Message")
            requestID = requestID ?? root.value("RequestId")
        }
        let code: S3Error.Code
        if let s3Code {
            code = S3Error.code(forS3Code: s3Code)
        } else {
            // HEAD responses and some proxies carry no document: infer from the status.
            switch response.status {
            case 404: code = op.key == nil ? .noSuchBucket : .noSuchKey
            case 403: code = .accessDenied
            default: code = .service("HTTP \(response.status)")
            }
        }
        return S3Error(
            code, status: response.status, detail: message.map(Self.oneLine), requestID: requestID,
            operation: op.name, key: op.key, bucket: op.bucket, endpoint: configuration.endpoint.description)
    }

    func transportError(_ error: CurlError, _ op: Operation) -> S3Error {
        let code: S3Error.Code =
            switch error.kind {
            case .connectionFailed: .connectionFailed
            case .dnsFailure: .dnsFailure
            case .tls: .tls
            case .timeout: .timeout
            case .connectionLost: .connectionLost
            case .localFile: .localFile
            case .responseTooLarge: .invalidResponse("response too large")
            case .other: .service("curl error \(error.code)")
            }
        return S3Error(
            code, detail: error.detail, operation: op.name, key: op.key, bucket: op.bucket,
            endpoint: configuration.endpoint.description)
    }

    /// Parses an XML response body, mapping parse failures to `invalidResponse`.
    func parseXML(_ response: HTTPResponse, _ op: Operation) throws(S3Error) -> XMLNode {
        do {
            return try XMLParser.parse(response.body)
        } catch {
            throw S3Error(
                .invalidResponse("malformed XML (\(error.reason) at byte \(error.offset))"), status: response.status,
                requestID: response.header("x-amz-request-id"), operation: op.name, key: op.key,
                endpoint: configuration.endpoint.description)
        }
    }

    /// Server messages are shown on one line, bounded.
    static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }
}
