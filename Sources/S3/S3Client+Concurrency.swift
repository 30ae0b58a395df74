internal import HTTP

extension S3Client {
    /// Raises the HTTP client's connection limit while `body` runs (watch's HEADs ask for 32;
    /// the client's own limit, 16 by default, is what every other caller keeps).
    public func withConcurrency<T: Sendable>(atLeast requests: Int, _ body: () async throws -> T) async throws -> T {
        try await http.withConcurrency(atLeast: requests, body)
    }
}
