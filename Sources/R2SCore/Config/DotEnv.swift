/// A parser for `.env` files as web apps write them (the dotenv convention):
///
/// ```
/// # comment
/// export R2_BUCKET=media           # `export ` prefix allowed, inline comment after a space
/// R2_PUBLIC_URL = "https://cdn.example.com"
/// SUPABASE_SERVICE_ROLE_KEY='literal $value'
/// MULTI="line one\nline two"      # \n, \t, \", \\ are unescaped inside double quotes
/// ```
///
/// Single-quoted values are literal; double-quoted values may span lines; unquoted values are
/// trimmed and end at ` #`. There is no `${VAR}` expansion. A line that cannot be parsed is
/// reported (with its number) and skipped, so one odd line in a web app's `.env` does not
/// stop r2s.
public enum DotEnv {
    /// A problem on one line.
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// The parsed entries (in file order; a later duplicate wins) and the skipped lines.
    public static func parse(_ text: String) -> (values: [String: String], problems: [Problem]) {
        var values: [String: String] = [:]
        var problems: [Problem] = []
        // "\r\n" is one Character in Swift, so split on both line endings explicitly.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var index = 0
        while index < lines.count {
            let number = index + 1
            var line = lines[index].drop(while: { $0 == " " || $0 == "\t" })
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst(7).drop(while: { $0 == " " }) }
            guard let eq = line.firstIndex(of: "=") else {
                problems.append(Problem(line: number, message: "expected KEY=VALUE"))
                continue
            }
            let key = String(line[..<eq]).trimmingCharacters(in: " \t")
            guard isValidKey(key) else {
                problems.append(Problem(line: number, message: "invalid variable name"))
                continue
            }
            let rest = line[line.index(after: eq)...].drop(while: { $0 == " " || $0 == "\t" })
            // Quotes are found among Unicode scalars, not Characters: a combining mark right after
            // a quote would otherwise fuse with it into one Character and hide it.
            switch rest.unicodeScalars.first {
            case "'":
                let body = rest.unicodeScalars.dropFirst()
                guard let close = body.firstIndex(of: "'") else {
                    problems.append(Problem(line: number, message: "unterminated single quote"))
                    continue
                }
                values[key] = String(Substring(body[..<close]))
            case "\"":
                // Double-quoted values may continue on the following lines until the closing quote.
                var body = String(Substring(rest.unicodeScalars.dropFirst()))
                var closed = closingQuote(in: body)
                while closed == nil, index < lines.count {
                    body += "\n" + lines[index]
                    index += 1
                    closed = closingQuote(in: body)
                }
                guard let end = closed else {
                    problems.append(Problem(line: number, message: "unterminated double quote"))
                    continue
                }
                values[key] = unescape(body[..<end])
            default:
                var value = Substring(rest)
                if let hash = value.firstRange(of: " #") { value = value[..<hash.lowerBound] }
                if let hash = value.firstRange(of: "\t#") { value = value[..<hash.lowerBound] }
                values[key] = String(value).trimmingCharacters(in: " \t")
            }
        }
        return (values, problems)
    }

    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || (first.properties.isAlphabetic && first.isASCII)
        else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// The index of the first unescaped `"` in `s`.
    private static func closingQuote(in s: String) -> String.Index? {
        var escaped = false
        let scalars = s.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let ch = scalars[i]
            if escaped {
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "\"" {
                return i
            }
            i = scalars.index(after: i)
        }
        return nil
    }

    private static func unescape(_ s: Substring) -> String {
        var out = String.UnicodeScalarView()
        var escaped = false
        for ch in s.unicodeScalars {
            if escaped {
                switch ch {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\"", "\\", "$": out.append(ch)
                default: out.append("\\"); out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        if escaped { out.append("\\") }
        return String(out)
    }
}
