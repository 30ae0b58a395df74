import Foundation
import Synchronization

/// A stand-in for the app writing to the catalog while r2s reads it: on its own thread, it
/// inserts, updates, soft-deletes and hard-deletes rows whose url starts with `prefix`, at
/// about `perSecond` writes a second, straight to the database (not through r2s).
///
/// It only touches rows under `prefix`, so a test knows which rows are "the writer's" and can
/// check that nothing else changed. The SQL runner comes from a factory called on the writer's
/// thread, so the test target chooses the driver (libpq) and the connection never crosses threads.
public final class LiveWriter: Sendable {
    /// What the writer has done so far.
    public struct Counts: Sendable, Equatable {
        public var inserts = 0, updates = 0, softDeletes = 0, hardDeletes = 0, failures = 0
        public var total: Int { inserts + updates + softDeletes + hardDeletes }
    }

    private let state = Mutex((counts: Counts(), stop: false, finished: false, error: String?.none))
    private let table: String
    private let prefix: String
    private let interval: Double
    private let stamp: String

    /// - Parameters:
    ///   - table: the catalog table (a plain identifier).
    ///   - prefix: the url prefix of the rows this writer owns (no `'`, `%`, `_` or `\`).
    ///   - perSecond: the pace; each write is followed by a sleep to keep it.
    ///   - stamp: the SQL the writer stores in `created_at`/`updated_at`/`deleted_at`. A sync
    ///     test passes a time in the future so the writer's rows stay younger than `--min-age`
    ///     however long the run takes, while objects uploaded seconds ago count as old.
    public init(table: String, prefix: String, perSecond: Double, stamp: String = "now()") {
        precondition(!prefix.contains { "'%_\\".contains($0) }, "prefix must be LIKE- and SQL-literal-safe")
        self.table = table
        self.prefix = prefix
        self.interval = 1 / max(perSecond, 1)
        self.stamp = stamp
    }

    public var counts: Counts { state.withLock { $0.counts } }

    /// Starts the thread. `connect` opens a connection and returns a function running one SQL
    /// statement on it.
    public func start(connect: @escaping @Sendable () throws -> (String) throws -> Void) {
        let thread = Thread { [self] in run(connect) }
        thread.start()
    }

    /// Stops the thread and waits for it; returns the final counts, or throws the reason the
    /// writer could not run at all.
    @discardableResult
    public func stop() async throws -> Counts {
        state.withLock { $0.stop = true }
        while !state.withLock({ $0.finished }) { try await Task.sleep(for: .milliseconds(20)) }
        if let error = state.withLock({ $0.error }) { throw LiveWriterError(message: error) }
        return counts
    }

    private func run(_ connect: @Sendable () throws -> (String) throws -> Void) {
        defer { state.withLock { $0.finished = true } }
        let execute: (String) throws -> Void
        do {
            execute = try connect()
        } catch {
            state.withLock { $0.error = "cannot connect: \(error)" }
            return
        }
        let t = "\"\(table)\""
        let pick = "(SELECT id FROM \(t) WHERE url LIKE '\(prefix)%' %@ ORDER BY random() LIMIT 1)"
        var n = 0
        let started = Date()
        while !state.withLock({ $0.stop }) {
            n += 1
            // 2 inserts, 1 update, 1 soft-delete and 1 hard-delete in every 5 writes: the owned
            // rows grow slowly and every kind of change keeps happening.
            let sql: String
            let kind = n % 5
            switch kind {
            case 0, 3:
                sql = "INSERT INTO \(t) (nome, url, content_type, size, created_at, updated_at) VALUES ('w\(n).bin', '\(prefix)w\(n)-\(UUID().uuidString.lowercased()).bin', 'application/octet-stream', \(n), \(stamp), \(stamp))"
            case 1:
                sql = "UPDATE \(t) SET size = coalesce(size, 0) + 1, updated_at = \(stamp) WHERE id = " + pick.replacingOccurrences(of: "%@", with: "")
            case 2:
                sql = "UPDATE \(t) SET deleted_at = \(stamp), updated_at = \(stamp) WHERE id = " + pick.replacingOccurrences(of: "%@", with: "AND deleted_at IS NULL")
            default:
                sql = "DELETE FROM \(t) WHERE id = " + pick.replacingOccurrences(of: "%@", with: "")
            }
            do {
                try execute(sql)
                state.withLock {
                    switch kind {
                    case 0, 3: $0.counts.inserts += 1
                    case 1: $0.counts.updates += 1
                    case 2: $0.counts.softDeletes += 1
                    default: $0.counts.hardDeletes += 1
                    }
                }
            } catch {
                state.withLock { $0.counts.failures += 1 }
            }
            // Keeps the pace against the start, so slow statements do not lower the rate.
            let due = started.addingTimeInterval(Double(n) * interval)
            let wait = due.timeIntervalSinceNow
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        }
    }
}

/// The writer could not connect.
public struct LiveWriterError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
