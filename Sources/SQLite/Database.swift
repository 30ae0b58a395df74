internal import CSQLite

/// An open SQLite database connection (`sqlite3*`), closed in `deinit`.
///
/// Not thread-safe by design: one owner uses it from one thread at a time (SQLite is built
/// threadsafe, but statements of one connection must not be stepped concurrently). Owners that
/// are `Sendable` keep it behind a serial queue.
public final class Database {
    let handle: OpaquePointer

    /// Opens (creating when `create` is true) the database at `path`.
    public init(path: String, create: Bool = true, readOnly: Bool = false) throws(SQLiteError) {
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        // FULLMUTEX is not needed: access is serialized by the owner; NOMUTEX avoids the lock cost.
        flags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            // sqlite3_open_v2 allocates a handle even on failure (except OOM): read its message, close it.
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, operation: "open")
        }
        handle = db
    }

    deinit {
        // close_v2 defers the close until every statement is finalized, so a Statement outliving
        // its Database (they hold a strong reference anyway) can never use a freed handle.
        sqlite3_close_v2(handle)
    }

    /// Waits up to `milliseconds` for another connection's lock before failing with `SQLITE_BUSY`.
    public func setBusyTimeout(milliseconds: Int32) throws(SQLiteError) {
        try check(sqlite3_busy_timeout(handle, milliseconds), "busy_timeout")
    }

    /// Runs one or more SQL statements without parameters or results (DDL, PRAGMA, BEGIN/COMMIT).
    public func execute(_ sql: String) throws(SQLiteError) {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), "exec")
    }

    /// Compiles one statement.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        var stmt: OpaquePointer?
        try check(sqlite3_prepare_v3(handle, sql, -1, 0, &stmt, nil), "prepare")
        guard let stmt else {
            // An empty or comment-only string compiles to no statement.
            throw SQLiteError(code: SQLITE_MISUSE, message: "empty statement", operation: "prepare")
        }
        return Statement(handle: stmt, database: self)
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// True while a transaction is open (`BEGIN` without `COMMIT`/`ROLLBACK` yet).
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The SQLite library version (`3.40.1`).
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    func check(_ rc: Int32, _ operation: String) throws(SQLiteError) {
        guard rc == SQLITE_OK else { throw error(rc, operation) }
    }

    func error(_ rc: Int32, _ operation: String) -> SQLiteError {
        // With SQLITE_OPEN_EXRESCODE, sqlite3_extended_errcode gives the precise code.
        let code = sqlite3_extended_errcode(handle)
        return SQLiteError(code: code != 0 ? code : rc, message: String(cString: sqlite3_errmsg(handle)), operation: operation)
    }
}

@available(*, unavailable)
extension Database: Sendable {}
