import Synchronization

/// Runs `count` numbered tasks at most `jobs` at a time and hands each result to `done` in
/// completion order on the calling task (so `done` may print and mutate without locking).
///
/// Children return only their index and the results travel through a locked dictionary: with a
/// tuple `(value, Result<…, any Error>)` as the child result, `-c release` builds (Swift 6.3.1)
/// handed the parent lost or corrupted values (no rows printed, or a crash copying them).
/// Stops starting new tasks once the calling task is cancelled.
enum ParallelRuns {
    static func run<T: Sendable>(
        count: Int, jobs: Int, _ body: @escaping @Sendable (Int) async throws -> T,
        done: (Int, Result<T, any Error>) -> Void
    ) async {
        let slots = Slots<T>()
        await withTaskGroup(of: Int.self) { group in
            var started = 0
            func startNext() {
                let index = started
                group.addTask {
                    await slots.run(index) { try await body(index) }
                    return index
                }
                started += 1
            }
            while started < min(max(jobs, 1), count) { startNext() }
            while let finished = await group.next() {
                done(finished, slots.take(finished))
                if started < count && !Task.isCancelled { startNext() }
            }
        }
    }

    /// The outcome of each task by index, filled by the children and taken by the parent.
    private final class Slots<T: Sendable>: Sendable {
        private let results = Mutex([Int: Result<T, any Error>]())

        func run(_ index: Int, _ body: () async throws -> T) async {
            let outcome: Result<T, any Error>
            do {
                outcome = .success(try await body())
            } catch {
                outcome = .failure(error)
            }
            results.withLock { $0[index] = outcome }
        }

        func take(_ index: Int) -> Result<T, any Error> {
            results.withLock { $0.removeValue(forKey: index) } ?? .failure(CancellationError())
        }
    }
}
