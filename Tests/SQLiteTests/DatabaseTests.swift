import Foundation
import SQLite
import Testing

/// The SQLite wrapper on its own (the catalog store's tests reach it only through SQL it writes):
/// values in and out unchanged, the error classes the store relies on, handle lifetimes.
@Suite struct DatabaseTests {
    /// A fresh folder for database files, removed when the test's value is released.
    final class Folder {
        let path: String
        init() {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-sqlite-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test("text, integers and NULL round-trip unchanged: empty, unicode, quotes, NUL-free bytes, Int64 bounds")
    func roundTrip() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (s TEXT, n INTEGER)")
        let texts: [String?] = ["", "fichas/relatório ção.pdf", "a'b\"c; DROP TABLE t;--", "e\u{301}", nil]
        let numbers: [Int64?] = [0, -1, .min, .max, nil]
        let insert = try db.prepare("INSERT INTO t (s, n) VALUES (?, ?)")
        for (s, n) in zip(texts, numbers) {
            try insert.bind(s, at: 1)
            try insert.bind(n, at: 2)
            #expect(try insert.step() == false)
            #expect(db.changes == 1)
            try insert.reset()
        }
        let select = try db.prepare("SELECT s, n FROM t ORDER BY rowid")
        #expect(select.columnCount == 2)
        #expect(select.columnName(0) == "s")
        var gotTexts: [String?] = []
        var gotNumbers: [Int64?] = []
        while try select.step() {
            gotTexts.append(select.string(0))
            gotNumbers.append(select.int64(1))
        }
        #expect(gotTexts == texts)
        #expect(gotNumbers == numbers)
    }

    @Test("storage classes are reported as SQLite stores them")
    func storageClasses() throws {
        let db = try Database(path: ":memory:")
        let s = try db.prepare("SELECT 1, 1.5, 'x', x'00', NULL")
        #expect(try s.step())
        #expect((0..<5).map { s.storageClass($0) } == [.integer, .real, .text, .blob, .null])
        #expect(s.isNull(4) && !s.isNull(0))
    }

    @Test("transactions: inTransaction follows BEGIN/COMMIT/ROLLBACK")
    func transactions() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (n INTEGER)")
        #expect(!db.inTransaction)
        try db.execute("BEGIN; INSERT INTO t VALUES (1)")
        #expect(db.inTransaction)
        try db.execute("ROLLBACK")
        #expect(!db.inTransaction)
        let count = try db.prepare("SELECT count(*) FROM t")
        #expect(try count.step())
        #expect(count.int64(0) == 0)
    }

    @Test("errors: constraint, not-a-database, cannot-open, empty statement, bad SQL; each names the operation")
    func errors() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")
        try db.execute("INSERT INTO t VALUES ('a')")
        let dup = #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO t VALUES ('a')") }
        #expect(dup?.isConstraint == true)
        #expect(dup?.isBusy == false)

        let folder = Folder()
        let junk = folder.path + "/junk.db"
        #expect(FileManager.default.createFile(atPath: junk, contents: Data(repeating: 0x41, count: 4096)))
        let notDB = #expect(throws: SQLiteError.self) {
            let other = try Database(path: junk)
            try other.execute("SELECT * FROM sqlite_master")
        }
        #expect(notDB?.isNotADatabase == true)

        let missing = #expect(throws: SQLiteError.self) {
            _ = try Database(path: folder.path + "/no/such/dir/x.db", create: true)
        }
        #expect(missing?.isCannotOpen == true)
        #expect(missing?.operation == "open")

        let empty = #expect(throws: SQLiteError.self) { _ = try db.prepare("-- only a comment") }
        #expect(empty?.operation == "prepare")
        let bad = #expect(throws: SQLiteError.self) { _ = try db.prepare("SELEC 1") }
        #expect(bad?.description.contains("syntax error") == true)
    }

    @Test("a statement keeps its database alive after the owner lets go of it")
    func statementOutlivesDatabase() throws {
        var db: Database? = try Database(path: ":memory:")
        let s = try db!.prepare("SELECT 'still here'")
        db = nil
        #expect(try s.step())
        #expect(s.string(0) == "still here")
    }

    @Test("read-only: a write fails, the data stays readable")
    func readOnly() throws {
        let folder = Folder()
        let path = folder.path + "/ro.db"
        do {
            let db = try Database(path: path)
            try db.execute("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (7)")
        }
        let ro = try Database(path: path, readOnly: true)
        #expect(throws: SQLiteError.self) { try ro.execute("INSERT INTO t VALUES (8)") }
        let s = try ro.prepare("SELECT n FROM t")
        #expect(try s.step())
        #expect(s.int64(0) == 7)
    }
}
