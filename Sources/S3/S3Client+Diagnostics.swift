public import FoundationEssentials
internal import HTTP
public import ObjectStore

extension S3Client: ObjectStoreDiagnostics {
    /// The client answers for its own server.
    public var diagnostics: (any ObjectStoreDiagnostics)? { self }

    /// The server's clock: an unsigned HEAD of the endpoint's origin, whose response (any status:
    /// 403 is usual without a signature) carries a `Date` header. Sends no credentials, so nothing
    /// secret can reach the request or its errors; one attempt on a client of its own, so a
    /// server that does not answer costs one timeout, not the retry budget of the main client.
    public func serverDate() async throws -> Date? {
        var oneShot = HTTPClient.Configuration()
        oneShot.concurrency = 1
        oneShot.retry = RetryPolicy(maxAttempts: 1, baseDelayMilliseconds: 0)
        oneShot.connectTimeoutMilliseconds = configuration.http.connectTimeoutMilliseconds
        let client: HTTPClient
        do {
            client = try HTTPClient(configuration: oneShot)
        } catch {
            throw S3Error(.connectionFailed, detail: error.detail)
        }
        let op = Operation(name: "HEAD /", method: "HEAD")
        let response: HTTPResponse
        do {
            response = try await client.send(HTTPRequest(method: "HEAD", url: configuration.endpoint.origin + "/"))
        } catch let error as CurlError {
            throw transportError(error, op)
        }
        return response.header("date").flatMap(S3Dates.parseHTTPDate)
    }

    /// Refused keys, a token without the permission, a missing bucket or a skewed clock; anything
    /// else (connection, TLS, other codes) counts against reaching the server at all.
    public func failureKind(of error: any Error) -> StoreFailureKind {
        guard let s3 = error as? S3Error else { return .unreachable }
        switch s3.code {
        case .invalidAccessKeyID, .signatureDoesNotMatch: return .credentials
        case .accessDenied: return .permission
        case .noSuchBucket: return .missingBucket
        case .requestTimeTooSkewed: return .clockSkew
        default: return .unreachable
        }
    }
}
