/// How a command prints its results.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people (the default on a terminal and in scripts).
    case table
    /// One JSON document per command: an array for listings, an object for summaries.
    case json
    /// RFC 4180 CSV with a header row.
    case csv
}

/// A value in a command's output row or summary, rendered per `OutputFormat`.
public enum OutputValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([OutputValue])
    case object([(String, OutputValue)])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(Int64(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }

    /// Wraps an optional string (`nil` → `null`).
    public static func text(_ s: String?) -> OutputValue { s.map { .string($0) } ?? .null }
    /// Wraps an optional integer (`nil` → `null`).
    public static func number<I: BinaryInteger>(_ i: I?) -> OutputValue { i.map { .int(Int64($0)) } ?? .null }

    /// Plain text for tables and CSV cells.
    public var plain: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): b ? "true" : "false"
        case .null: ""
        case .array(let items): items.map(\.plain).joined(separator: ",")
        case .object: JSONWriter.encode(self)
        }
    }

    public static func == (lhs: OutputValue, rhs: OutputValue) -> Bool {
        JSONWriter.encode(lhs) == JSONWriter.encode(rhs)
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(JSONWriter.encode(self)) }
}

/// A column of a listing: its key (JSON field / CSV header) and its table heading.
public struct OutputColumn: Sendable, Hashable {
    public var key: String
    public var title: String
    /// Right-align in tables (numbers, sizes).
    public var alignRight: Bool

    public init(_ key: String, title: String? = nil, alignRight: Bool = false) {
        self.key = key
        self.title = title ?? key.uppercased()
        self.alignRight = alignRight
    }
}
