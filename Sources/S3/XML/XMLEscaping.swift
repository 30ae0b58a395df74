/// Escaping for the XML documents r2s sends (DeleteObjects, CompleteMultipartUpload).
enum XMLEscaping {
    /// Escapes `&`, `<`, `>`, `"`, `'` and writes CR, LF and TAB as character references, so keys
    /// survive the receiving parser's line-end and whitespace handling byte for byte.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
