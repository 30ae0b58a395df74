/// A small, allocation-light JSON encoder for `OutputValue` (no Foundation: keeps start-up fast).
public enum JSONWriter {
    /// Encodes a value as compact JSON.
    public static func encode(_ value: OutputValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    static func write(_ value: OutputValue, into out: inout String) {
        switch value {
        case .string(let s): writeString(s, into: &out)
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (key, item)) in fields.enumerated() {
                if i > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                write(item, into: &out)
            }
            out += "}"
        }
    }

    /// Writes a JSON string literal with RFC 8259 escaping (`JSONString`, shared with the stores).
    public static func writeString(_ s: String, into out: inout String) {
        JSONString.write(s, into: &out)
    }
}
