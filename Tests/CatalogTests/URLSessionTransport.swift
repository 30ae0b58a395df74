import CatalogPostgREST
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A test-only PostgREST transport over URLSession, so the PostgREST store can be exercised
/// independently of the libcurl client.
struct URLSessionTransport: PostgRESTTransport {
    /// Every request sent, for round-trip counts and header checks.
    let log = RequestLog()

    func send(_ request: PostgRESTRequest) async throws -> PostgRESTResponse {
        log.append(request)
        var r = URLRequest(url: URL(string: request.url)!)
        r.httpMethod = request.method
        for (name, value) in request.headers { r.addValue(value, forHTTPHeaderField: name) }
        r.httpBody = request.body.map { Data($0) }
        let (data, response) = try await URLSession.shared.data(for: r)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
        return PostgRESTResponse(status: http.statusCode, headers: headers, body: Array(data))
    }
}

final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [PostgRESTRequest] = []
    func append(_ r: PostgRESTRequest) { lock.withLock { items.append(r) } }
    var requests: [PostgRESTRequest] { lock.withLock { items } }
}
