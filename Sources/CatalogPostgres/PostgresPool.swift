import Dispatch
import Postgres
import Synchronization

/// One libpq connection and the serial queue its blocking calls run on.
///
/// `@unchecked Sendable` is sound because `connection` is used only inside `queue` blocks, and
/// a `PooledConnection` is checked out by one task at a time.
final class PooledConnection: @unchecked Sendable {
    private let connection: Connection
    private let queue: DispatchQueue

    private init(connection: Connection, queue: DispatchQueue) {
        self.connection = connection
        self.queue = queue
    }

    /// Connects on a fresh queue (connecting blocks on DNS, TCP, TLS and auth).
    static func open(url: String) async throws -> PooledConnection {
        let queue = DispatchQueue(label: "r2s.postgres")
        let box: ConnectionBox = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    continuation.resume(returning: ConnectionBox(try Connection(url: url)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        return PooledConnection(connection: box.connection, queue: queue)
    }

    /// Runs `body` with the connection on its queue.
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    continuation.resume(returning: try body(self.connection))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Healthy and outside any transaction: safe to hand to the next user.
    func reusable() async -> Bool {
        (try? await run { c in c.isHealthy && c.transactionStatus == .idle }) ?? false
    }
}

/// Moves a freshly opened connection from its queue to the pooled wrapper.
private final class ConnectionBox: @unchecked Sendable {
    let connection: Connection
    init(_ connection: Connection) { self.connection = connection }
}

/// Idle connections of one store, opened lazily and reused.
///
/// Each operation checks one out for its duration; a stream keeps one for the whole read (its
/// cursor lives in a transaction), a transaction keeps one until commit. At most `maxIdle` are
/// kept open between operations.
final class PostgresPool: Sendable {
    private let url: String
    private let idle = Mutex<[PooledConnection]>([])
    private let maxIdle = 2

    init(url: String) {
        self.url = url
    }

    func checkout() async throws -> PooledConnection {
        if let conn = idle.withLock({ $0.popLast() }) { return conn }
        return try await PooledConnection.open(url: url)
    }

    /// Returns a connection; one that is broken or mid-transaction is closed instead.
    func checkin(_ conn: PooledConnection) async {
        guard await conn.reusable() else { return }
        idle.withLock { list in
            if list.count < maxIdle { list.append(conn) }
        }
    }
}
