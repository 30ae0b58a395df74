public import FoundationEssentials

/// A request to sign. `path` and `query` are RAW (unencoded); the signer encodes them, and the
/// caller must send exactly `SigV4SignedRequest.pathAndQuery`, so what is signed is what is sent.
public struct SigV4Request: Sendable {
    public var method: String
    /// `host` or `host:port` exactly as the HTTP client sends it (no port for 80/443 defaults).
    public var host: String
    /// Raw path, e.g. `/bucket/photos/my file+1.jpg`.
    public var path: String
    public var query: [SigV4Field]
    /// Headers to send and sign (besides host, x-amz-date and x-amz-content-sha256, which the
    /// signer adds).
    public var headers: [SigV4Field]

    public init(method: String, host: String, path: String, query: [SigV4Field] = [], headers: [SigV4Field] = []) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
    }
}

/// The result of header signing.
public struct SigV4SignedRequest: Sendable {
    /// Encoded path plus `?query` (sorted, encoded), to append to `scheme://host`.
    public var pathAndQuery: String
    /// Headers to send: the request's own, `x-amz-date`, `x-amz-content-sha256` and
    /// `Authorization` (host is left to the HTTP client, which sends the signed value).
    public var headers: [SigV4Field]
    /// The intermediate steps, for diagnostics and tests (contain no secret).
    public var canonicalRequest: String
    public var stringToSign: String
}

extension SigV4Signer {
    /// The presigned-URL expiry bounds (1 s … 7 days).
    public static let presignExpiry = 1...604_800

    /// Signs `request` in the Authorization header.
    /// - Parameters:
    ///   - payloadHash: hex SHA-256 of the body, `emptyPayloadHash`, or `unsignedPayload`.
    ///   - date: the signing time (inject a fixed one in tests).
    public func sign(_ request: SigV4Request, payloadHash: String, date: Date) throws(SigV4Error) -> SigV4SignedRequest {
        let time = SigV4Timestamp(date)
        let extra = [SigV4Field("x-amz-content-sha256", payloadHash), SigV4Field("x-amz-date", time.amzDate)]
        let signedHeaders = [SigV4Field("host", request.host)] + request.headers + extra
        let canonical = Self.canonicalRequest(
            method: request.method, path: request.path, query: request.query, headers: signedHeaders,
            payloadHash: payloadHash)
        let toSign = try stringToSign(canonicalRequest: canonical, time: time)
        let sig = try signature(stringToSign: toSign, time: time)
        let names = Self.canonicalHeaders(signedHeaders).signed
        let authorization = "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(time)), "
            + "SignedHeaders=\(names), Signature=\(sig)"
        return SigV4SignedRequest(
            pathAndQuery: Self.pathAndQuery(request.path, Self.canonicalQuery(request.query)),
            headers: request.headers + extra + [SigV4Field("Authorization", authorization)],
            canonicalRequest: canonical, stringToSign: toSign)
    }

    /// A presigned path+query (append to `scheme://host`) valid for `expires` seconds from `date`.
    /// Only `host` is signed and the payload is `UNSIGNED-PAYLOAD`, so any client can use it.
    public func presign(_ request: SigV4Request, expires: Int, date: Date) throws(SigV4Error) -> String {
        try presignSteps(request, expires: expires, date: date).url
    }

    /// `presign` with its canonical request and string to sign (for tests and diagnostics).
    public func presignSteps(_ request: SigV4Request, expires: Int, date: Date) throws(SigV4Error)
        -> (url: String, canonicalRequest: String, stringToSign: String)
    {
        guard Self.presignExpiry.contains(expires) else { throw .invalidExpiry(expires) }
        let time = SigV4Timestamp(date)
        let headers = [SigV4Field("host", request.host)] + request.headers
        let query = request.query + [
            SigV4Field("X-Amz-Algorithm", Self.algorithm),
            SigV4Field("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(time))"),
            SigV4Field("X-Amz-Date", time.amzDate),
            SigV4Field("X-Amz-Expires", String(expires)),
            SigV4Field("X-Amz-SignedHeaders", Self.canonicalHeaders(headers).signed),
        ]
        let canonical = Self.canonicalRequest(
            method: request.method, path: request.path, query: query, headers: headers,
            payloadHash: Self.unsignedPayload)
        let toSign = try stringToSign(canonicalRequest: canonical, time: time)
        let sig = try signature(stringToSign: toSign, time: time)
        let url = Self.pathAndQuery(request.path, Self.canonicalQuery(query) + "&X-Amz-Signature=" + sig)
        return (url, canonical, toSign)
    }

    static func pathAndQuery(_ path: String, _ query: String) -> String {
        let encoded = URIEncoding.encodePath(path)
        return query.isEmpty ? encoded : encoded + "?" + query
    }
}
