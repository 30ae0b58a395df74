import Foundation
import Postgres
import R2STestSupport
import Testing

/// The libpq wrapper on its own against the real PostgreSQL test server: parameters and results
/// unchanged, binary decoding, the server's error fields, and connection failures that never
/// quote the password.
@Suite struct ConnectionTests {
    /// A table of this test's own, dropped at the end.
    static func table() -> String { "pqw_" + UUID().uuidString.prefix(8).lowercased() }

    @Test("text parameters and results round-trip unchanged: NULL, empty, unicode, quotes")
    func parameters() throws {
        guard let pg = TestServers.postgres() else { return }
        let c = try Connection(url: pg.url)
        #expect(c.isHealthy)
        #expect(c.serverVersion >= 150_000)
        let values: [String?] = [nil, "", "fichas/relatório ção.pdf", "a'b\"c; DROP TABLE x;--", "e\u{301}"]
        for v in values {
            let r = try c.execute("SELECT $1::text AS v", [v])
            #expect(r.rowCount == 1 && r.columnCount == 1)
            #expect(r.columnName(0) == "v")
            #expect(r.isNull(0, 0) == (v == nil))
            #expect(r.string(0, 0) == v)
        }
    }

    @Test("binary results: integers of every width with sign, uuid bytes, timestamps since 2000-01-01")
    func binary() throws {
        guard let pg = TestServers.postgres() else { return }
        let c = try Connection(url: pg.url)
        let r = try c.execute(
            """
            SELECT (-2)::int2, (-70000)::int4, 9223372036854775807::int8,
                   '00112233-4455-6677-8899-aabbccddeeff'::uuid, '2000-01-01 00:00:01+00'::timestamptz, NULL::int4
            """, binaryResults: true)
        #expect(try r.integer(0, 0) == -2)
        #expect(try r.integer(0, 1) == -70000)
        #expect(try r.integer(0, 2) == .max)
        #expect(try r.uuidBytes(0, 3) == [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff])
        #expect(try r.timestampMicros(0, 4) == 1_000_000)
        #expect(try r.integer(0, 5) == nil)
        let wrong = #expect(throws: PostgresError.self) { _ = try r.uuidBytes(0, 1) }
        #expect(wrong?.code == .decoding)
    }

    @Test("server errors carry SQLSTATE and constraint; affected rows and transaction status are read back")
    func serverErrors() throws {
        guard let pg = TestServers.postgres() else { return }
        let c = try Connection(url: pg.url)
        let t = Self.table()
        try c.execute("CREATE TABLE \(t) (id text CONSTRAINT \(t)_pk PRIMARY KEY)")
        defer { _ = try? c.execute("DROP TABLE IF EXISTS \(t)") }
        #expect(try c.execute("INSERT INTO \(t) VALUES ($1), ($2)", ["a", "b"]).affectedRows == 2)
        let dup = #expect(throws: PostgresError.self) { try c.execute("INSERT INTO \(t) VALUES ('a')") }
        #expect(dup?.code == .server)
        #expect(dup?.sqlState == "23505")
        #expect(dup?.constraint == "\(t)_pk")
        let missing = #expect(throws: PostgresError.self) { try c.execute("SELECT * FROM \(t)_missing") }
        #expect(missing?.sqlState == "42P01")

        try c.execute("BEGIN")
        #expect(c.transactionStatus == .inTransaction)
        #expect(throws: PostgresError.self) { try c.execute("SELECT 1/0") }
        #expect(c.transactionStatus == .failed)
        try c.execute("ROLLBACK")
        #expect(c.transactionStatus == .idle)
    }

    @Test("a refused login is a connection error whose message never holds the password")
    func badPassword() throws {
        guard let pg = TestServers.postgres() else { return }
        guard var parts = URLComponents(string: pg.url) else {
            Issue.record("test url does not parse")
            return
        }
        let secret = "wrong-\(UUID().uuidString)"
        parts.password = secret
        let url = try #require(parts.string)
        let e = #expect(throws: PostgresError.self) { _ = try Connection(url: url, connectTimeout: 5) }
        #expect(e?.code == .connection)
        #expect(e?.description.contains(secret) == false)
    }
}
