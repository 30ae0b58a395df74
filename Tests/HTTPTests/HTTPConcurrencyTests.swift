import Foundation
import HTTP
import Testing

/// `HTTPClient.withConcurrency(atLeast:_:)`: a caller that runs more requests at once than the
/// client's limit gets them in flight (watch's 32 HEADs on a 16-connection S3 client), and only
/// while it asks.
@Suite struct HTTPConcurrencyTests {
    func client(concurrency: Int) throws -> HTTPClient {
        var config = HTTPClient.Configuration()
        config.concurrency = concurrency
        config.connectTimeoutMilliseconds = 5_000
        return try HTTPClient(configuration: config)
    }

    /// Sends `count` GETs of `path` at once and expects 200 from each.
    func burst(_ http: HTTPClient, _ url: String, count: Int) async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<count { group.addTask { try await http.send(HTTPRequest(method: "GET", url: url)).status } }
            for try await status in group { #expect(status == 200) }
        }
    }

    @Test("inside withConcurrency the limit is raised, and the extra connections are kept for reuse")
    func raisedWhileAsked() async throws {
        let server = try LocalHTTPServer()
        let http = try client(concurrency: 4)
        try await http.withConcurrency(atLeast: 12) {
            try await burst(http, server.base + "/gate/12/in", count: 24)
        }
        #expect(server.maxInFlight == 12)
        #expect(server.connections == 12)  // the second round of 12 reused the first round's
    }

    @Test("outside it (and for a smaller ask) the client's own limit holds")
    func backToTheLimit() async throws {
        let http = try client(concurrency: 4)
        try await http.withConcurrency(atLeast: 8) { try await burst(http, try LocalHTTPServer().base + "/gate/8/x", count: 8) }
        let after = try LocalHTTPServer()
        try await burst(http, after.base + "/gate/4/after", count: 16)
        #expect(after.maxInFlight == 4)
        let smaller = try LocalHTTPServer()
        try await http.withConcurrency(atLeast: 2) { try await burst(http, smaller.base + "/gate/4/small", count: 8) }
        #expect(smaller.maxInFlight == 4)
    }
}
