/// A failed libpq call: what failed, the server's SQLSTATE and diagnostic fields when it answered.
///
/// Messages come from libpq/the server and never contain the connection password or bound
/// parameter values (r2s sends values only as parameters, never inside SQL text).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: Sendable, Hashable {
        /// Could not connect or authenticate (or the connection was lost).
        case connection
        /// The server rejected a statement (see `sqlState`).
        case server
        /// libpq could not send the query or returned something unexpected.
        case client
        /// A value in a result was not what the column type promised.
        case decoding
    }

    public let code: Code
    /// Five-character SQLSTATE (`23503`, `42P01`…) when the server reported one.
    public let sqlState: String?
    /// Primary message (server's or libpq's), trimmed.
    public let message: String
    /// Server DETAIL, when present.
    public let detail: String?
    /// Server HINT, when present.
    public let hint: String?
    /// Constraint name (FK, check) when the error is about one.
    public let constraint: String?

    public init(
        code: Code, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil
    ) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
    }

    public var description: String {
        var s = "postgres \(code)"
        if let sqlState { s += " [\(sqlState)]" }
        s += ": " + message
        if let detail { s += " (\(detail))" }
        return s
    }
}
