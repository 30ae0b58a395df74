/// One HTTP exchange as the PostgREST store needs it. The production transport is the shared
/// libcurl `HTTPClient` (`HTTPClientTransport`); tests can substitute their own.
public protocol PostgRESTTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status. Throws only when no
    /// response came (connection refused, TLS failure, timeout).
    func send(_ request: PostgRESTRequest) async throws -> PostgRESTResponse
}

/// A request to PostgREST.
public struct PostgRESTRequest: Sendable {
    public var method: String
    /// The full, already-encoded URL.
    public var url: String
    /// Headers in order (`apikey`, `Authorization`, `Prefer`, …).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// False for requests that must not be re-sent after an ambiguous failure (inserts).
    public var idempotent: Bool

    public init(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8]? = nil, idempotent: Bool) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.idempotent = idempotent
    }
}

/// A response from PostgREST.
public struct PostgRESTResponse: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The total of `Content-Range: a-b/N` or `*/N`; `nil` for `*` or a missing header.
    public var contentRangeTotal: Int? {
        guard let range = headers["content-range"], let slash = range.lastIndex(of: "/") else { return nil }
        return Int(range[range.index(after: slash)...])
    }
}
