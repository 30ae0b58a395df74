internal import CPQ

/// A statement's result (`PGresult*`), cleared in `deinit`.
///
/// Rows and columns are 0-based. Text-format results are read with `string`; binary-format
/// results (requested with `binaryResults: true`) with the typed accessors in
/// `QueryResult+Binary.swift`.
public final class QueryResult {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }

    /// Number of rows returned.
    public var rowCount: Int { Int(PQntuples(handle)) }
    /// Number of columns.
    public var columnCount: Int { Int(PQnfields(handle)) }

    /// Rows affected by INSERT/UPDATE/DELETE (from the command tag), 0 for other statements.
    public var affectedRows: Int {
        Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    /// A column's name.
    public func columnName(_ column: Int) -> String {
        PQfname(handle, Int32(column)).map { String(cString: $0) } ?? ""
    }

    /// A column's type OID (`23` int4, `20` int8, `2950` uuid, `1184` timestamptz, `25` text).
    public func columnType(_ column: Int) -> UInt32 { PQftype(handle, Int32(column)) }

    /// True when the value is SQL NULL.
    public func isNull(_ row: Int, _ column: Int) -> Bool {
        PQgetisnull(handle, Int32(row), Int32(column)) == 1
    }

    /// The value as text (text-format results, or binary `text`/`varchar` columns), `nil` when NULL.
    public func string(_ row: Int, _ column: Int) -> String? {
        guard !isNull(row, column) else { return nil }
        let bytes = raw(row, column)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The raw bytes of a value (valid while the result lives).
    func raw(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8> {
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        guard let value = PQgetvalue(handle, Int32(row), Int32(column)) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawPointer(value).withMemoryRebound(to: UInt8.self, capacity: length) {
            UnsafeBufferPointer(start: $0, count: length)
        }
    }

    /// Builds the typed error for an error result, with the server's diagnostic fields.
    func error(connectionLost: Bool, fallback: String) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(handle, code).map { Connection.trim(String(cString: $0)) }
        }
        let state = field(Int32(UInt8(ascii: "C")))  // PG_DIAG_SQLSTATE
        let primary = field(Int32(UInt8(ascii: "M")))  // PG_DIAG_MESSAGE_PRIMARY
        let message = primary ?? Connection.trim(String(cString: PQresultErrorMessage(handle)))
        return PostgresError(
            code: state == nil && connectionLost ? .connection : (state == nil ? .client : .server),
            sqlState: state, message: message.isEmpty ? fallback : message,
            detail: field(Int32(UInt8(ascii: "D"))), hint: field(Int32(UInt8(ascii: "H"))),
            constraint: field(Int32(UInt8(ascii: "n"))))
    }
}

@available(*, unavailable)
extension QueryResult: Sendable {}
