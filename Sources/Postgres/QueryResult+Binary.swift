/// Typed readers for binary-format results. PostgreSQL's binary wire formats are big-endian:
/// int4/int8 as two's complement, uuid as 16 raw bytes, timestamptz as int8 microseconds since
/// 2000-01-01 00:00:00 UTC (integer datetimes, the only kind since PostgreSQL 10).
extension QueryResult {
    /// Type OIDs r2s reads.
    public enum TypeOID {
        public static let int4: UInt32 = 23
        public static let int8: UInt32 = 20
        public static let text: UInt32 = 25
        public static let uuid: UInt32 = 2950
        public static let timestamptz: UInt32 = 1184
        public static let timestamp: UInt32 = 1114
    }

    /// An int2/int4/int8 value by its byte length, `nil` when NULL.
    public func integer(_ row: Int, _ column: Int) throws(PostgresError) -> Int64? {
        guard !isNull(row, column) else { return nil }
        let b = raw(row, column)
        guard b.count == 2 || b.count == 4 || b.count == 8 else { throw decodingError(column, "integer", b.count) }
        var v: UInt64 = 0
        for byte in b { v = v << 8 | UInt64(byte) }
        // Sign-extend the narrower widths.
        let shift = UInt64(64 - b.count * 8)
        return Int64(bitPattern: v << shift) >> Int64(shift)
    }

    /// A uuid value as its 16 bytes, `nil` when NULL.
    public func uuidBytes(_ row: Int, _ column: Int) throws(PostgresError) -> [UInt8]? {
        guard !isNull(row, column) else { return nil }
        let b = raw(row, column)
        guard b.count == 16 else { throw decodingError(column, "uuid", b.count) }
        return Array(b)
    }

    /// A timestamp(tz) value as microseconds since 2000-01-01 UTC, `nil` when NULL.
    public func timestampMicros(_ row: Int, _ column: Int) throws(PostgresError) -> Int64? {
        guard !isNull(row, column) else { return nil }
        guard raw(row, column).count == 8 else { throw decodingError(column, "timestamp", raw(row, column).count) }
        return try integer(row, column)
    }

    private func decodingError(_ column: Int, _ type: String, _ length: Int) -> PostgresError {
        PostgresError(code: .decoding, message: "column \(columnName(column)): \(length) bytes is not a binary \(type)")
    }
}
