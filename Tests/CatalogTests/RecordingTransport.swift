import CatalogPostgREST
import Foundation
import HTTP

/// The production transport (libcurl `HTTPClient`) with a log of every request sent, for
/// header and round-trip checks.
struct RecordingTransport: PostgRESTTransport {
    /// One client for the whole test process (its transfer thread is shared).
    static let client = try! HTTPClient()

    let log = RequestLog()

    func send(_ request: PostgRESTRequest) async throws -> PostgRESTResponse {
        log.append(request)
        return try await HTTPClientTransport(client: Self.client).send(request)
    }
}

final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [PostgRESTRequest] = []
    func append(_ r: PostgRESTRequest) { lock.withLock { items.append(r) } }
    var requests: [PostgRESTRequest] { lock.withLock { items } }
}
