/// Where passwords sit inside URLs and conninfo strings, for `SecretRule`.
extension SecretRule {
    /// One password-bearing span of a text.
    struct Span {
        enum Kind {
            /// `PASSWORD` in `scheme://user:PASSWORD@host` (`range` = the password).
            case urlPassword(scheme: Substring, userStart: String.Index)
            /// `USER` in `scheme://USER@host`, no password (`range` = the user).
            case urlUser(scheme: Substring)
            /// `VALUE` in `password=VALUE` (`range` = the value; `parameter` = from the separator
            /// before `password` to the value's end, for removing the parameter whole).
            case parameter(whole: Range<String.Index>)
        }

        var kind: Kind
        var range: Range<String.Index>
    }

    /// Characters that end a URL's authority or a parameter's value inside running text.
    private static func endsToken(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\"" || c == "'" || c == "`" || c == "<" || c == ">"
    }

    /// Every password-bearing span of `text`, in order, not overlapping.
    static func spans(in text: String) -> [Span] {
        var out: [Span] = []
        var search = text.startIndex
        while let marker = text[search...].firstRange(of: "://") {
            var schemeStart = marker.lowerBound
            while schemeStart > text.startIndex {
                let before = text[text.index(before: schemeStart)]
                guard before.isASCII, before.isLetter || before.isNumber || "+-.".contains(before) else { break }
                schemeStart = text.index(before: schemeStart)
            }
            let scheme = text[schemeStart..<marker.lowerBound]
            let rest = text[marker.upperBound...]
            let authorityEnd = rest.firstIndex { endsToken($0) || $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    out.append(Span(
                        kind: .urlPassword(scheme: scheme, userStart: userInfo.startIndex),
                        range: userInfo.index(after: colon)..<at))
                } else if !userInfo.isEmpty {
                    out.append(Span(kind: .urlUser(scheme: scheme), range: userInfo.startIndex..<at))
                }
            }
            search = authorityEnd
        }
        out += parameterSpans(in: text)
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// `password=VALUE` after the start, `?`, `&`, `;` or a blank (URL query or libpq conninfo).
    private static func parameterSpans(in text: String) -> [Span] {
        var out: [Span] = []
        let needle = Array("password=".utf8)
        let utf8 = Array(text.utf8)
        var i = 0
        while i + needle.count <= utf8.count {
            // ASCII case-insensitive match on bytes: no String lower-casing, whose length may differ.
            guard (0..<needle.count).allSatisfy({ utf8[i + $0] | 0x20 == needle[$0] | 0x20 }) else {
                i += 1
                continue
            }
            let start = text.utf8.index(text.startIndex, offsetBy: i)
            let valueStart = text.utf8.index(start, offsetBy: needle.count)
            i += needle.count
            let separator = start == text.startIndex ? nil : text[text.index(before: start)]
            guard separator == nil || separator == "?" || separator == "&" || separator == ";" || separator.map(endsToken) == true
            else { continue }
            let valueEnd = text[valueStart...].firstIndex { endsToken($0) || $0 == "&" || $0 == "#" } ?? text.endIndex
            guard valueEnd > valueStart else { continue }
            let wholeStart = separator == "&" || separator == "?" ? text.index(before: start) : start
            out.append(Span(kind: .parameter(whole: wholeStart..<valueEnd), range: valueStart..<valueEnd))
        }
        return out
    }

    /// The passwords written in `value` (URL passwords and `password=` values), as written.
    public static func passwordParts(in value: String) -> [String] {
        spans(in: value).compactMap { span in
            if case .urlUser = span.kind { return nil }
            return String(value[span.range])
        }
    }

    /// `text` with each password replaced by `replacement(password)`, or removed when that is
    /// `nil` (`user:pw@` → `user@`, `?a=1&password=x` → `?a=1`). With `hideUser`, the user of a
    /// URL without password is masked too, except for postgres URLs (whose user is no secret).
    static func replacingPasswords(
        in text: String, with replacement: (String) -> String?, hideUser: Bool = false
    ) -> String {
        let found = spans(in: text)
        guard !found.isEmpty else { return text }
        var out = ""
        var cursor = text.startIndex
        for span in found {
            switch span.kind {
            case .urlPassword(let scheme, let userStart):
                guard span.range.lowerBound >= cursor else { continue }
                let colon = text.index(before: span.range.lowerBound)
                if hideUser, !scheme.lowercased().hasPrefix("postgres"), userStart >= cursor {
                    out += text[cursor..<userStart] + mask
                } else if let new = replacement(String(text[span.range])) {
                    out += text[cursor..<span.range.lowerBound] + new
                } else {
                    out += text[cursor..<colon]
                }
                cursor = span.range.upperBound
            case .urlUser(let scheme):
                guard hideUser, span.range.lowerBound >= cursor, !scheme.lowercased().hasPrefix("postgres") else { continue }
                out += text[cursor..<span.range.lowerBound] + mask
                cursor = span.range.upperBound
            case .parameter(let whole):
                guard whole.lowerBound >= cursor else { continue }
                if let new = replacement(String(text[span.range])) {
                    out += text[cursor..<span.range.lowerBound] + new
                } else {
                    // Keep a leading `?` when other parameters follow: `?password=x&a=1` → `?a=1`.
                    let keepsQuestion = text[whole.lowerBound] == "?" && whole.upperBound < text.endIndex
                        && text[whole.upperBound] == "&"
                    out += text[cursor..<whole.lowerBound] + (keepsQuestion ? "?" : "")
                    cursor = keepsQuestion ? text.index(after: whole.upperBound) : whole.upperBound
                    continue
                }
                cursor = span.range.upperBound
            }
        }
        out += text[cursor...]
        return out
    }
}

/// `%XX` decoding for URL parts (`nil` when an escape is malformed or decodes to NUL or to
/// invalid UTF-8).
package enum PercentDecoding {
    package static func decode(_ s: String) -> String? {
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            guard b == UInt8(ascii: "%") else { bytes.append(b); continue }
            guard let h = it.popFirst().flatMap(hex), let l = it.popFirst().flatMap(hex), h << 4 | l != 0 else { return nil }
            bytes.append(h << 4 | l)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// True when every `%` starts a `%XX` escape other than `%00` (what libpq accepts).
    package static func isWellFormed(_ s: Substring) -> Bool {
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            guard b == UInt8(ascii: "%") else { continue }
            guard let h = it.popFirst().flatMap(hex), let l = it.popFirst().flatMap(hex), h << 4 | l != 0 else { return false }
        }
        return true
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
