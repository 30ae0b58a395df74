import Catalog
import FoundationEssentials
import R2SCore
import Scope

/// One condition of `records … --where`: `COLUMN OP VALUE`, parsed and checked against the known
/// columns — never SQL text. Operators: `=` `!=` `<` `<=` `>` `>=`, `~` (starts with), `!~`
/// (does not start with), `*=` (contains). Values are typed by the column: uuids for the id
/// columns, whole bytes for `size`, dates (`2026-01-31`, `2026-01-31T10:00:00Z`) for the
/// timestamps, text otherwise (compared as UTF-8 bytes, case-sensitive). A null column never
/// satisfies a comparison (as in SQL); `--null COL` / `--not-null COL` test for it.
struct RecordCondition: Sendable, Hashable {
    enum Op: String, Sendable, CaseIterable {
        case notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", notPrefix = "!~", contains = "*="
        case equal = "=", less = "<", greater = ">", prefix = "~"
    }

    enum Kind: Sendable { case text, uuid, integer, timestamp }

    enum Value: Sendable, Hashable {
        case text(String)
        case integer(Int64)
        case date(Date)
    }

    var column: String
    var op: Op
    var value: Value
    /// The text as typed (for pushing `~` down as a url prefix).
    var raw: String

    static func kind(of column: String) -> Kind {
        switch column {
        case "id", "referencia_id", "created_by", "updated_by": .uuid
        case "size": .integer
        case "created_at", "updated_at", "deleted_at": .timestamp
        default: .text
        }
    }

    /// Parses `size>=1048576`, `content_type~image/`, `nome*=relatório`.
    init(parsing text: String) throws {
        let name = String(text.prefix { $0 == "_" || ($0.isASCII && $0.isLetter) })
        let rest = text.dropFirst(name.count)
        guard let op = Op.allCases.first(where: { rest.hasPrefix($0.rawValue) }) else {
            throw CommandError(.badCondition(text), hint: .conditionHint, status: .usage)
        }
        guard RecordFields.names.contains(name) else {
            throw CommandError(.unknownColumn(name), hint: .knownColumns(RecordFields.names.joined(separator: ", ")), status: .usage)
        }
        let raw = String(rest.dropFirst(op.rawValue.count))
        column = name
        self.op = op
        self.raw = raw
        value = try Self.value(raw, column: name, op: op)
    }

    private static func value(_ raw: String, column: String, op: Op) throws -> Value {
        let bad = CommandError(.badValue(column, raw), hint: .conditionHint, status: .usage)
        switch kind(of: column) {
        case .text:
            return .text(raw)
        case .uuid:
            if op == .prefix || op == .notPrefix || op == .contains { return .text(raw.lowercased()) }
            guard let id = UUID(uuidString: raw), op == .equal || op == .notEqual else { throw bad }
            return .text(id.uuidString.lowercased())
        case .integer:
            guard let n = Int64(raw), op != .prefix, op != .notPrefix, op != .contains else { throw bad }
            return .integer(n)
        case .timestamp:
            guard let date = ISODate.parse(raw), op != .prefix, op != .notPrefix, op != .contains else { throw bad }
            return .date(date)
        }
    }

    /// Whether `record` satisfies the condition.
    func matches(_ record: CatalogRecord) -> Bool {
        switch (value, RecordFields.value(column, of: record)) {
        case (_, nil), (_, .null): return false
        case (.integer(let want), .int(let have)?): return compare(have, want)
        case (.date(let want), _):
            guard let have = Self.date(column, record) else { return false }
            return compare(have, want)
        case (.text(let want), .string(let have)?):
            switch op {
            case .prefix: return have.utf8.starts(with: want.utf8)
            case .notPrefix: return !have.utf8.starts(with: want.utf8)
            case .contains: return want.isEmpty || have.utf8.firstRange(of: want.utf8) != nil
            default: return compare(UTF8Bytes(have), UTF8Bytes(want))
            }
        default: return false
        }
    }

    private func compare<T: Comparable>(_ have: T, _ want: T) -> Bool {
        switch op {
        case .equal: have == want
        case .notEqual: have != want
        case .less: have < want
        case .lessOrEqual: have <= want
        case .greater: have > want
        case .greaterOrEqual: have >= want
        case .prefix, .notPrefix, .contains: false
        }
    }

    private static func date(_ column: String, _ r: CatalogRecord) -> Date? {
        switch column {
        case "created_at": r.createdAt
        case "updated_at": r.updatedAt
        case "deleted_at": r.deletedAt
        default: nil
        }
    }
}

/// Text in byte-wise UTF-8 order (as PostgreSQL's `COLLATE "C"` and S3 compare).
private struct UTF8Bytes: Comparable {
    let bytes: [UInt8]
    init(_ s: String) { bytes = Array(s.utf8) }
    static func < (a: UTF8Bytes, b: UTF8Bytes) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
