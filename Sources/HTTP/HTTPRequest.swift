/// One HTTP header as sent or received. Received names are lower-cased.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Where a request body comes from.
public enum HTTPRequestBody: Sendable, Hashable {
    /// No body.
    case none
    /// A small body held in memory (XML documents, JSON).
    case bytes([UInt8])
    /// `length` bytes of a local file starting at `offset`, streamed (never loaded whole).
    case file(path: String, offset: Int64, length: Int64)

    /// The number of bytes the body has.
    public var length: Int64 {
        switch self {
        case .none: 0
        case .bytes(let b): Int64(b.count)
        case .file(_, _, let length): length
        }
    }
}

/// Where a response body goes.
public enum HTTPResponseBody: Sendable, Hashable {
    /// Kept in memory, failing with `CurlError.Kind.responseTooLarge` beyond `limit` bytes.
    case memory(limit: Int)
    /// Streamed into a file (created or truncated) — but only for 2xx responses: an error
    /// response's body is kept in memory (≤ 1 MiB) so the caller can read the error document.
    case file(path: String)

    /// In memory, up to 64 MiB.
    public static let memory = HTTPResponseBody.memory(limit: 64 << 20)
}

/// An HTTP request for `HTTPClient`.
public struct HTTPRequest: Sendable {
    /// `GET`, `PUT`, `POST`, `DELETE`, `HEAD`, …
    public var method: String
    /// The full URL, already encoded.
    public var url: String
    /// Headers to send, in order. Names are sent as given.
    public var headers: [HTTPHeader]
    public var body: HTTPRequestBody
    public var response: HTTPResponseBody
    /// Called from the transfer thread with bytes sent+received so far; keep it cheap.
    public var progress: (@Sendable (_ done: Int64, _ total: Int64?) -> Void)?

    public init(
        method: String, url: String, headers: [HTTPHeader] = [], body: HTTPRequestBody = .none,
        response: HTTPResponseBody = .memory,
        progress: (@Sendable (_ done: Int64, _ total: Int64?) -> Void)? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.response = response
        self.progress = progress
    }
}

/// A complete HTTP response (any status; HTTP error statuses are not thrown).
public struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Response headers with lower-cased names, in arrival order.
    public var headers: [HTTPHeader]
    /// The body when kept in memory (or an error body when streaming to a file failed with a
    /// non-2xx status); empty otherwise.
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// True for 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body decoded as UTF-8 (invalid sequences repaired).
    public var text: String { String(decoding: body, as: UTF8.self) }
}
