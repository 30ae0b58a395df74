public import Catalog
public import FoundationEssentials
import UserFacing
import SQLite

/// The catalog in a local SQLite file (the embedded `local` profile).
///
/// Same columns as the Postgres table, mapped to SQLite types:
/// - uuids are lowercase `TEXT` (so `ORDER BY id` matches Postgres' uuid order);
/// - timestamps are ISO-8601 UTC `TEXT` (`2024-05-01T12:00:00.123Z`, sorts as text; SQLite's
///   own defaults give milliseconds, r2s reads any fraction);
/// - `size` is `INTEGER`, which SQLite stores as 64-bit: `maxSize` is `Int64.max`.
///
/// The file uses WAL (readers never block the writer) and a busy timeout, so a second r2s on the
/// same file waits instead of failing. The sync lock is an exclusive `flock` on `<file>.sync-lock`
/// (released by the kernel if the process dies).
public final class SQLiteCatalog: CatalogStore {
    /// The database file.
    public let path: String
    /// The table name.
    public let table: CatalogTable
    let connection: SerialConnection
    let gate = AsyncGate()

    /// Opens (creating if needed) the database file. Parent directories are created.
    ///
    /// - Parameters:
    ///   - createTable: create the table when it does not exist yet (the `local` profile does;
    ///     `catalog init` does not, so it can refuse an existing table).
    ///   - busyTimeout: how long a write waits for another process's lock, in milliseconds.
    public init(path: String, table: String = CatalogTable.defaultName, createTable: Bool = false, busyTimeout: Int32 = 5000)
        throws(CatalogError)
    {
        self.path = path
        self.table = try CatalogTable(table)
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        do {
            let db = try Database(path: path)
            try db.setBusyTimeout(milliseconds: busyTimeout)
            // WAL: concurrent readers with one writer; NORMAL sync is durable across app crashes
            // in WAL mode. foreign_keys enforces created_by → usuarios when that FK exists.
            try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
            if createTable, try !Self.tableExists(db, self.table) {
                try Self.create(db, self.table, withUsuarios: false)
            }
            connection = SerialConnection(database: db, label: "r2s.sqlite-catalog")
        } catch let error as SQLiteError {
            throw Self.map(error, table: self.table, path: path)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.server, LocalizedText("cannot open \(path): \(error)"))
        }
    }

    public var displayName: String { "sqlite:\(path) table \(table.name)" }

    public var supportsTransactions: Bool { true }

    // MARK: - Access

    /// Marks the task that runs a `withTransaction` body of a given store.
    @TaskLocal static var transactionOwner: ObjectIdentifier?

    /// Runs `body` on the connection: behind the gate, unless this task is inside this store's
    /// own transaction (then it joins it). SQLite errors become `CatalogError`s.
    func access<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let table = self.table
        let path = self.path
        let run = { [connection] () async throws -> T in
            do {
                return try await connection.run(body)
            } catch let error as SQLiteError {
                throw Self.map(error, table: table, path: path)
            }
        }
        if Self.transactionOwner == ObjectIdentifier(self) { return try await run() }
        return try await gate.withLock(run)
    }

    public func withTransaction<T: Sendable>(_ body: @Sendable (any CatalogWriter) async throws -> T) async throws -> T {
        if Self.transactionOwner == ObjectIdentifier(self) { return try await body(self) }  // nested: join
        return try await gate.withLock {
            try await Self.$transactionOwner.withValue(ObjectIdentifier(self)) {
                _ = try await access { db in try db.execute("BEGIN IMMEDIATE") }
                do {
                    let result = try await body(self)
                    _ = try await access { db in try db.execute("COMMIT") }
                    return result
                } catch {
                    _ = try? await access { db in if db.inTransaction { try db.execute("ROLLBACK") } }
                    throw error
                }
            }
        }
    }

    // MARK: - Reads

    public func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> {
        let pageSize = max(1, query.pageSize)
        let scope = SQLiteScope(query)
        let sql = "SELECT \(CatalogSchema.selectList) FROM \(table.quoted) WHERE \(scope.sql) AND id > ? ORDER BY id LIMIT ?"
        let state = KeysetState()
        // Keyset pagination: each page is one short statement, so no read transaction stays
        // open (WAL checkpoints keep working) and the gate is free between pages.
        return AsyncThrowingStream {
            guard let after = state.next else { return nil }
            let page = try await self.access { db -> [CatalogRecord] in
                let stmt = try db.prepare(sql)
                var index = try scope.bind(stmt)
                try stmt.bind(after, at: index)
                index += 1
                try stmt.bind(Int64(pageSize), at: index)
                var rows: [CatalogRecord] = []
                rows.reserveCapacity(pageSize)
                while try stmt.step() { rows.append(try SQLiteRows.record(stmt)) }
                return rows
            }
            state.next = page.count < pageSize ? nil : page.last?.id.uuidString.lowercased()
            return page.isEmpty ? nil : page
        }
    }

    public func count(_ query: RecordQuery) async throws -> Int {
        let scope = SQLiteScope(query)
        let sql = "SELECT count(*) FROM \(table.quoted) WHERE \(scope.sql)"
        return try await access { db in
            let stmt = try db.prepare(sql)
            _ = try scope.bind(stmt)
            _ = try stmt.step()
            return Int(stmt.int64(0) ?? 0)
        }
    }

    public func record(id: UUID) async throws -> CatalogRecord? {
        let sql = "SELECT \(CatalogSchema.selectList) FROM \(table.quoted) WHERE id = ?"
        return try await access { db in
            let stmt = try db.prepare(sql)
            try stmt.bind(id.uuidString.lowercased(), at: 1)
            return try stmt.step() ? try SQLiteRows.record(stmt) : nil
        }
    }

    public func records(urls: [String]) async throws -> [CatalogRecord] {
        var out: [CatalogRecord] = []
        for chunk in urls.chunked(500) {
            let sql =
                "SELECT \(CatalogSchema.selectList) FROM \(table.quoted) WHERE url IN (\(SQLiteRows.placeholders(chunk.count))) ORDER BY id"
            out += try await access { db in
                let stmt = try db.prepare(sql)
                for (i, url) in chunk.enumerated() { try stmt.bind(url, at: Int32(i + 1)) }
                var rows: [CatalogRecord] = []
                while try stmt.step() { rows.append(try SQLiteRows.record(stmt)) }
                return rows
            }
        }
        return out
    }
}

/// Where a keyset stream resumes (`nil` when done). Only the stream's consumer task touches it,
/// one `next()` at a time, as AsyncThrowingStream(unfolding:) guarantees.
final class KeysetState: @unchecked Sendable {
    var next: String? = ""
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
