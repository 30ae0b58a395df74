import Synchronization

/// The in-memory read passed `SyncOptions.partitionThreshold` listed keys (or catalog rows):
/// the sync plans partition by partition instead (docs/scale.md §5). Never reaches a user.
struct ReadPastLimit: Error {}

/// Stops an in-memory read once either side passes a count, so memory stops growing there.
///
/// The counts arrive in the progress callbacks of the listing and the catalog read, which may
/// throw: the error stops that side like a failed page. Each side wraps its errors in its own
/// `SyncError`, so `rethrowing` turns whatever the read ends in after the limit was passed
/// into `ReadPastLimit` — unless the caller itself was cancelled (Ctrl-C).
final class ReadLimit: Sendable {
    private let limit: Int?
    private let passed = Mutex(false)

    init(_ limit: Int?) { self.limit = limit }

    /// Called with a running count; throws `ReadPastLimit` past the limit.
    func check(_ count: Int) throws {
        guard let limit, count > limit else { return }
        passed.withLock { $0 = true }
        throw ReadPastLimit()
    }

    /// Runs the read; after the limit was passed, any failure is `ReadPastLimit`.
    func rethrowing<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            guard passed.withLock({ $0 }), !Task.isCancelled else { throw error }
            throw ReadPastLimit()
        }
    }
}
