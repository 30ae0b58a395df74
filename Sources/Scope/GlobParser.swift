/// Turns glob text into `Glob.Token`s: brace expansion first, then tokens per alternative.
enum GlobParser {
    struct Failure: Error {
        var reason: String
    }

    /// The most alternatives `{a,b}{c,d}…` may expand to (guards against exponential patterns).
    static let maxAlternatives = 256

    /// `a{b,c}d` → `["abd", "acd"]`; nested braces expand too; `\{` stays literal.
    static func expandBraces(_ s: [Unicode.Scalar]) throws(Failure) -> [String] {
        // Find the first top-level `{` that is not escaped and not inside `[...]`.
        var i = 0
        var inClass = false
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
            } else if c == "[" {
                inClass = true
                var k = i + 1
                if k < s.count, s[k] == "!" || s[k] == "^" { k += 1 }
                if k < s.count, s[k] == "]" { k += 1 }  // a `]` first in a class is literal
                i = k
                continue
            } else if c == "{" {
                break
            } else if c == "}" {
                throw Failure(reason: "'}' without '{'")
            }
            i += 1
        }
        guard i < s.count else { return [String(String.UnicodeScalarView(s))] }
        // Split the brace body at top-level commas.
        var depth = 0
        var parts: [[Unicode.Scalar]] = [[]]
        var j = i + 1
        var closed = false
        while j < s.count {
            let c = s[j]
            if c == "\\", j + 1 < s.count {
                parts[parts.count - 1] += [c, s[j + 1]]
                j += 2
                continue
            }
            if c == "{" { depth += 1 }
            if c == "}" {
                if depth == 0 {
                    closed = true
                    break
                }
                depth -= 1
            }
            if c == "," && depth == 0 { parts.append([]) } else { parts[parts.count - 1].append(c) }
            j += 1
        }
        guard closed else { throw Failure(reason: "'{' without '}'") }
        let head = Array(s[..<i])
        let tail = Array(s[(j + 1)...])
        var out: [String] = []
        for part in parts {
            for expanded in try expandBraces(head + part + tail) {
                out.append(expanded)
                if out.count > maxAlternatives { throw Failure(reason: "more than \(maxAlternatives) alternatives") }
            }
        }
        return out
    }

    /// Tokens of one brace-free alternative.
    static func tokens(_ s: [Unicode.Scalar]) throws(Failure) -> [Glob.Token] {
        var out: [Glob.Token] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                guard i + 1 < s.count else { throw Failure(reason: "'\\' at the end") }
                out.append(.literal(s[i + 1]))
                i += 2
            case "*":
                if i + 1 < s.count, s[i + 1] == "*" {
                    // `**` (any run of `*` longer than one) crosses `/`.
                    while i < s.count, s[i] == "*" { i += 1 }
                    if case .doubleStar = out.last {} else { out.append(.doubleStar) }
                } else {
                    out.append(.star)
                    i += 1
                }
            case "?":
                out.append(.any)
                i += 1
            case "[":
                let (token, end) = try characterClass(s, from: i)
                out.append(token)
                i = end
            default:
                out.append(.literal(c))
                i += 1
            }
        }
        return out
    }

    /// `[...]` starting at `start`; returns the token and the index after `]`.
    private static func characterClass(_ s: [Unicode.Scalar], from start: Int) throws(Failure) -> (Glob.Token, Int) {
        var i = start + 1
        var negated = false
        if i < s.count, s[i] == "!" || s[i] == "^" {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while i < s.count {
            var c = s[i]
            if c == "]" && !first { return (.set(ranges, negated: negated), i + 1) }
            first = false
            if c == "\\", i + 1 < s.count {
                i += 1
                c = s[i]
            }
            if i + 2 < s.count, s[i + 1] == "-", s[i + 2] != "]" {
                var upper = s[i + 2]
                var skip = 3
                if upper == "\\", i + 3 < s.count {
                    upper = s[i + 3]
                    skip = 4
                }
                guard c <= upper else { throw Failure(reason: "range '\(c)-\(upper)' is reversed") }
                ranges.append(c...upper)
                i += skip
            } else {
                ranges.append(c...c)
                i += 1
            }
        }
        throw Failure(reason: "'[' without ']'")
    }
}
