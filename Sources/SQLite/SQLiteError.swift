/// A failed SQLite call: the result code, SQLite's message and the call that failed.
///
/// A struct around a code so new cases never break callers; `isBusy` and `isConstraint` cover
/// what callers branch on.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_NOTNULL`, …).
    public let code: Int32
    /// `sqlite3_errmsg` text (never contains bound values).
    public let message: String
    /// The wrapper call that failed (`prepare`, `step`, `open`…).
    public let operation: String

    /// The primary result code (low byte of the extended code).
    public var primaryCode: Int32 { code & 0xFF }
    /// The database (or a table) is locked by another connection (`SQLITE_BUSY`/`SQLITE_LOCKED`).
    public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }
    /// A constraint failed (`NOT NULL`, `UNIQUE`, `CHECK`, foreign key).
    public var isConstraint: Bool { primaryCode == 19 }
    /// The file is not a database, or is corrupt (`SQLITE_NOTADB`/`SQLITE_CORRUPT`).
    public var isNotADatabase: Bool { primaryCode == 26 || primaryCode == 11 }
    /// The file could not be opened (`SQLITE_CANTOPEN`).
    public var isCannotOpen: Bool { primaryCode == 14 }

    public var description: String { "sqlite \(operation) failed (\(code)): \(message)" }
}
