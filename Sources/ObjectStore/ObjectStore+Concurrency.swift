extension ObjectStore {
    /// Stores without a request limit of their own (the local folder) run `body` as it is.
    public func withConcurrency<T: Sendable>(atLeast requests: Int, _ body: () async throws -> T) async throws -> T {
        try await body()
    }
}
