import Dispatch
import SQLite

/// The one `Database` of a store and the serial queue every use of it runs on.
///
/// SQLite calls block (disk I/O, `busy_timeout` waits), so they run on a dedicated serial queue
/// instead of a Swift-concurrency pool thread (the pool has only as many threads as cores).
/// `@unchecked Sendable` is sound because `database` is touched only inside `queue` blocks.
final class SerialConnection: @unchecked Sendable {
    private let database: Database
    private let queue: DispatchQueue

    init(database: Database, label: String) {
        self.database = database
        self.queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the connection's queue and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    continuation.resume(returning: try body(self.database))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// A FIFO async mutex: keeps other tasks' statements out of an open transaction, whose body
/// spans many queue hops.
actor AsyncGate {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    nonisolated func withLock<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}
