import Testing

extension LiveWriter {
    /// Runs `body` while this (started) writer works: waits until it is busy, so the writes
    /// surround the whole of `body`, then stops it — on a failure of `body` too — and checks
    /// that none of its writes failed. Returns `body`'s result and the writes made meanwhile.
    public func around<T>(_ body: () async throws -> T) async throws -> (T, writes: Int) {
        while counts.total < 5 { try await Task.sleep(for: .milliseconds(10)) }
        let before = counts.total
        let result: T
        do {
            result = try await body()
        } catch {
            _ = try? await stop()
            throw error
        }
        let during = counts.total - before
        let final = try await stop()
        #expect(final.failures == 0)
        return (result, during)
    }
}
