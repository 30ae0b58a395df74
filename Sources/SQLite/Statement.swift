internal import CSQLite

/// A compiled statement (`sqlite3_stmt*`), finalized in `deinit`.
///
/// Bind values with `bind(_:at:)` (1-based), then call `step()` until it returns false; read
/// columns (0-based) while a row is current. `reset()` makes it reusable with new bindings.
public final class Statement {
    let handle: OpaquePointer
    /// Keeps the connection alive while the statement exists.
    let database: Database

    init(handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    // MARK: - Binding

    /// Binds a text value (copied: SQLITE_TRANSIENT), or NULL for `nil`.
    public func bind(_ value: String?, at index: Int32) throws(SQLiteError) {
        guard let value else { return try bindNull(at: index) }
        var copy = value
        let rc = copy.withUTF8 { buf -> Int32 in
            // An empty buffer may have a nil base address; SQLite needs a valid pointer for "".
            guard let base = buf.baseAddress else { return r2s_sqlite_bind_text(handle, index, "", 0) }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                r2s_sqlite_bind_text(handle, index, $0, sqlite3_uint64(buf.count))
            }
        }
        try database.check(rc, "bind")
    }

    /// Binds a 64-bit integer, or NULL for `nil`.
    public func bind(_ value: Int64?, at index: Int32) throws(SQLiteError) {
        guard let value else { return try bindNull(at: index) }
        try database.check(sqlite3_bind_int64(handle, index, value), "bind")
    }

    /// Binds NULL.
    public func bindNull(at index: Int32) throws(SQLiteError) {
        try database.check(sqlite3_bind_null(handle, index), "bind")
    }

    /// Number of `?` parameters.
    public var parameterCount: Int32 { sqlite3_bind_parameter_count(handle) }

    // MARK: - Stepping

    /// Advances to the next row; false when the statement is done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc, "step")
        }
    }

    /// Resets to run again; clears bindings.
    public func reset() throws(SQLiteError) {
        // sqlite3_reset repeats the last step's error code; that error was already thrown by step.
        sqlite3_reset(handle)
        try database.check(sqlite3_clear_bindings(handle), "clear_bindings")
    }

    // MARK: - Columns

    /// Number of result columns.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// Name of a result column.
    public func columnName(_ index: Int32) -> String {
        sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
    }

    /// True when the column of the current row is NULL.
    public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// The column as text, `nil` when NULL.
    public func string(_ index: Int32) -> String? {
        // Read the pointer first, then the byte count (the order SQLite documents as safe).
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as a 64-bit integer, `nil` when NULL.
    public func int64(_ index: Int32) -> Int64? {
        isNull(index) ? nil : sqlite3_column_int64(handle, index)
    }

    /// The storage class of the column of the current row (`integer`, `text`…).
    public func storageClass(_ index: Int32) -> StorageClass {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    /// SQLite's dynamic value types.
    public enum StorageClass: Sendable { case integer, real, text, blob, null }
}

@available(*, unavailable)
extension Statement: Sendable {}
