internal import CPQ
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One libpq connection (`PGconn*`), finished in `deinit`.
///
/// Every statement goes through `PQexecParams` with **unnamed** statements: values travel as
/// parameters (never spliced into SQL), and no server-side prepared statement is ever created, so
/// the connection works through PgBouncer/Supavisor transaction poolers (Supabase port 6543).
///
/// Blocking and not thread-safe (libpq's rule: one thread at a time per PGconn). Owners that are
/// `Sendable` use it from one serial queue.
public final class Connection {
    let handle: OpaquePointer

    /// Connects with a `postgres://` URL or a `key=value` conninfo string. `sslmode` and every
    /// other libpq parameter in the URL are honoured by libpq itself.
    ///
    /// - Parameter applicationName: used as `fallback_application_name` (the URL's
    ///   `application_name` wins), so `pg_stat_activity` shows who holds a lock.
    public init(url: String, applicationName: String = "r2s", connectTimeout: Int = 10) throws(PostgresError) {
        // PQconnectdbParams with expand_dbname=1 parses the URL in `dbname` and lets the other
        // keys act as defaults the URL can override.
        let keys = ["dbname", "fallback_application_name", "connect_timeout"]
        let values = [url, applicationName, String(connectTimeout)]
        let conn = Self.withCStrings(keys) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else {
            throw PostgresError(code: .connection, message: "out of memory allocating a connection")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = Self.trim(String(cString: PQerrorMessage(conn)))
            PQfinish(conn)
            throw PostgresError(code: .connection, message: message)
        }
        handle = conn
        r2s_pq_silence_notices(conn)
    }

    deinit {
        PQfinish(handle)
    }

    /// Runs one statement with text parameters (`nil` = NULL) and returns its result.
    ///
    /// - Parameter binaryResults: ask for results in binary format (all columns); callers then
    ///   read them with the typed binary accessors of `QueryResult`.
    /// - Throws: `PostgresError` with the server's SQLSTATE for an error result, `.connection`
    ///   when the connection is gone.
    /// Statements sent by every connection of this process (a round trip each); for benchmarks
    /// and diagnostics.
    public static var statementCount: Int { executed.load(ordering: .relaxed) }
    private static let executed = Atomic<Int>(0)

    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = [], binaryResults: Bool = false) throws(PostgresError)
        -> QueryResult
    {
        Self.executed.add(1, ordering: .relaxed)
        let raw: OpaquePointer? = Self.withOptionalCStrings(parameters) { params in
            // paramTypes nil: the server infers types, so SQL casts them explicitly ($1::uuid).
            PQexecParams(handle, sql, Int32(parameters.count), nil, params, nil, nil, binaryResults ? 1 : 0)
        }
        guard let raw else {
            throw PostgresError(code: connectionLost ? .connection : .client, message: errorMessage)
        }
        let result = QueryResult(handle: raw)
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        default:
            throw result.error(connectionLost: connectionLost, fallback: errorMessage)
        }
    }

    /// False once the connection is broken (server restart, network drop).
    public var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Transaction state: idle, in a transaction, in a failed transaction.
    public var transactionStatus: TransactionStatus {
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: .idle
        case PQTRANS_INTRANS: .inTransaction
        case PQTRANS_INERROR: .failed
        case PQTRANS_ACTIVE: .active
        default: .unknown
        }
    }

    /// libpq's transaction states.
    public enum TransactionStatus: Sendable { case idle, active, inTransaction, failed, unknown }

    /// Server version as an integer (`150020` for 15.20).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// The libpq version linked (`150020`).
    public static var libraryVersion: Int { Int(PQlibVersion()) }

    var connectionLost: Bool { PQstatus(handle) != CONNECTION_OK }
    var errorMessage: String { Self.trim(String(cString: PQerrorMessage(handle))) }

    static func trim(_ s: String) -> String {
        var t = Substring(s)
        while let last = t.last, last == "\n" || last == " " { t = t.dropLast() }
        return String(t)
    }

    /// Passes an array of C strings (kept alive for the call) to `body`.
    static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        withOptionalCStrings(strings.map { Optional($0) }) { ptrs in
            body(ptrs + [nil])  // libpq's key/value arrays are NULL-terminated
        }
    }

    /// Same with NULL entries for `nil` values (SQL NULL parameters).
    static func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        // strdup'd copies stay valid for the whole call, unlike nested withCString closures.
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { s in s.flatMap { strdup($0) } }
        defer { for p in copies { free(p) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

@available(*, unavailable)
extension Connection: Sendable {}
