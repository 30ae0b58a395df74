import ObjectStore

extension TrashHidingStore {
    /// The requests go to the base: its limit is the one to raise.
    public func withConcurrency<T: Sendable>(atLeast requests: Int, _ body: () async throws -> T) async throws -> T {
        try await base.withConcurrency(atLeast: requests, body)
    }
}
