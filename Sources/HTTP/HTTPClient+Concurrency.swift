extension HTTPClient {
    /// Runs `body` with up to `transfers` requests of this client in flight at once, when that
    /// is more than `configuration.concurrency` (at most 256); other callers' requests share the
    /// raised limit meanwhile, and it falls back once `body` returns.
    ///
    /// Why: a caller that runs N requests at once (watch's HEADs) was silently held to the
    /// client's default of 16 by its queue; the default stays what every other caller gets.
    public func withConcurrency<T>(atLeast transfers: Int, _ body: () async throws -> T) async rethrows -> T {
        guard transfers > configuration.concurrency else { return try await body() }
        let ticket = engine.demand(transfers)
        defer { engine.release(ticket) }
        return try await body()
    }
}
