public import HTTP

/// The production transport: the shared libcurl `HTTPClient`.
///
/// Idempotent requests (GET, PATCH by id, DELETE by name) go through `send`, which retries
/// connection failures, 5xx and 429 with backoff; inserts go through `perform` (one attempt),
/// because re-sending a POST whose response was lost would insert again.
public struct HTTPClientTransport: PostgRESTTransport {
    public let client: HTTPClient

    public init(client: HTTPClient) {
        self.client = client
    }

    public func send(_ request: PostgRESTRequest) async throws -> PostgRESTResponse {
        let http = HTTPRequest(
            method: request.method, url: request.url, headers: request.headers.map { HTTPHeader($0.name, $0.value) },
            body: request.body.map { .bytes($0) } ?? .none)
        let response = request.idempotent ? try await client.send(http) : try await client.perform(http)
        var headers: [String: String] = [:]
        for h in response.headers where headers[h.name] == nil { headers[h.name] = h.value }
        return PostgRESTResponse(status: response.status, headers: headers, body: response.body)
    }
}
