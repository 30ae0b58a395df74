/// JSON string literals with RFC 8259 escaping: the shell's `--json` output and the PostgREST
/// store's request bodies write strings the same way, so the rule lives once, in the leaf target.
public enum JSONString {
    /// Appends `s` as a quoted JSON string literal to `out`.
    public static func write(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
