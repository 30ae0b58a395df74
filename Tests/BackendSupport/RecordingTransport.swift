public import CatalogPostgREST
import Foundation
public import HTTP

/// The production transport (libcurl `HTTPClient`) with a log of every request sent, for
/// header and round-trip checks.
public struct RecordingTransport: PostgRESTTransport {
    /// One client for the whole test process (its transfer thread is shared).
    public static let client = try! HTTPClient()

    public let log = RequestLog()

    public init() {}

    public func send(_ request: PostgRESTRequest) async throws -> PostgRESTResponse {
        log.append(request)
        return try await HTTPClientTransport(client: Self.client).send(request)
    }
}

public final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [PostgRESTRequest] = []
    public func append(_ r: PostgRESTRequest) { lock.withLock { items.append(r) } }
    public var requests: [PostgRESTRequest] { lock.withLock { items } }
}
