/// Splits `.r2s` text into commands and words: quotes, backslash escapes, `$` references,
/// `#` comments, `;` and newlines, and backslash-newline continuation.
///
/// It scans UTF-8 bytes: every character with a meaning in the language is ASCII, so multi-byte
/// characters pass through untouched, and a 10,000-line script needs no per-character `String`
/// work. Columns count Unicode scalars (UTF-8 lead bytes) so they match what editors show.
struct Lexer {
    let bytes: [UInt8]
    let origin: String
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    /// Reused between words so a long script does not allocate a buffer per word.
    private var buffer: [UInt8] = []

    init(bytes: [UInt8], origin: String) {
        self.bytes = bytes
        self.origin = origin
        // Editors on some systems start UTF-8 files with a byte-order mark; it is not a command.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
    }

    /// The next non-empty command, or `nil` at the end of the text.
    mutating func nextCommand() throws(ScriptError) -> RawCommand? {
        var words: [Word] = []
        var start = pos
        var end = pos
        while pos < bytes.count {
            let c = bytes[pos]
            switch c {
            case Byte.space, Byte.tab, Byte.cr:
                pos += 1
            case Byte.lf:
                pos += 1
                startLine()
                if !words.isEmpty { return command(words, start, end) }
            case Byte.semicolon:
                pos += 1
                if !words.isEmpty { return command(words, start, end) }
            case Byte.hash:
                // Only reached at the start of a word: `a#b` is one word, `a #b` a comment.
                while pos < bytes.count, bytes[pos] != Byte.lf { pos += 1 }
            case Byte.backslash where continuationLength(at: pos) != nil:
                pos += continuationLength(at: pos) ?? 1
                startLine()
            default:
                if words.isEmpty { start = pos }
                words.append(try readWord())
                end = pos
            }
        }
        return words.isEmpty ? nil : command(words, start, end)
    }

    private func command(_ words: [Word], _ start: Int, _ end: Int) -> RawCommand {
        RawCommand(words: words, location: words[0].location, range: start..<end)
    }

    // MARK: - Words

    private mutating func readWord() throws(ScriptError) -> Word {
        let location = location(at: pos)
        var parts: [Word.Part] = []
        var bare = true
        buffer.removeAll(keepingCapacity: true)
        scan: while pos < bytes.count {
            let c = bytes[pos]
            switch c {
            case Byte.space, Byte.tab, Byte.cr, Byte.lf, Byte.semicolon:
                break scan
            case Byte.singleQuote:
                bare = false
                try readSingleQuoted()
            case Byte.doubleQuote:
                bare = false
                try readDoubleQuoted(into: &parts)
            case Byte.backslash:
                bare = false
                if let length = continuationLength(at: pos) {
                    pos += length
                    startLine()
                    continue
                }
                guard pos + 1 < bytes.count else { throw ScriptError(.trailingBackslash, at: self.location(at: pos)) }
                // Outside quotes a backslash makes the next character literal (`\;`, `\ `, `\#`).
                buffer.append(bytes[pos + 1])
                pos += 2
            case Byte.dollar:
                if let reference = try readVariable() {
                    bare = false
                    flush(into: &parts)
                    parts.append(.variable(reference))
                } else {
                    buffer.append(c)
                    pos += 1
                }
            default:
                buffer.append(c)
                pos += 1
            }
        }
        flush(into: &parts)
        return Word(parts: parts, location: location, isBare: bare)
    }

    /// `'…'`: everything up to the next `'` is literal, newlines included.
    private mutating func readSingleQuoted() throws(ScriptError) {
        let opening = location(at: pos)
        var i = pos + 1
        while i < bytes.count, bytes[i] != Byte.singleQuote { i += 1 }
        guard i < bytes.count else { throw ScriptError(.unterminatedSingleQuote, at: opening) }
        for j in (pos + 1)..<i where bytes[j] == Byte.lf {
            line += 1
            lineStart = j + 1
        }
        buffer.append(contentsOf: bytes[(pos + 1)..<i])
        pos = i + 1
    }

    /// `"…"`: `$` references and the escapes `\"` `\\` `\$` `\n` `\t` `\r`; any other
    /// backslash stays as written (so Windows-ish paths survive).
    private mutating func readDoubleQuoted(into parts: inout [Word.Part]) throws(ScriptError) {
        let opening = location(at: pos)
        pos += 1
        while pos < bytes.count {
            let c = bytes[pos]
            switch c {
            case Byte.doubleQuote:
                pos += 1
                return
            case Byte.backslash:
                if let length = continuationLength(at: pos) {
                    pos += length
                    startLine()
                    continue
                }
                guard pos + 1 < bytes.count else { throw ScriptError(.unterminatedDoubleQuote, at: opening) }
                let escaped = bytes[pos + 1]
                switch escaped {
                case Byte.doubleQuote, Byte.backslash, Byte.dollar: buffer.append(escaped)
                case UInt8(ascii: "n"): buffer.append(Byte.lf)
                case UInt8(ascii: "t"): buffer.append(Byte.tab)
                case UInt8(ascii: "r"): buffer.append(Byte.cr)
                default: buffer.append(contentsOf: [Byte.backslash, escaped])
                }
                pos += 2
            case Byte.dollar:
                if let reference = try readVariable() {
                    flush(into: &parts)
                    parts.append(.variable(reference))
                } else {
                    buffer.append(c)
                    pos += 1
                }
            case Byte.lf:
                buffer.append(c)
                pos += 1
                startLine()
            default:
                buffer.append(c)
                pos += 1
            }
        }
        throw ScriptError(.unterminatedDoubleQuote, at: opening)
    }

    /// At a `$`: consumes and returns a reference, or returns `nil` (a lone `$` is literal).
    private mutating func readVariable() throws(ScriptError) -> VariableRef? {
        guard pos + 1 < bytes.count else { return nil }
        let next = bytes[pos + 1]
        if next == Byte.openBrace {
            let dollar = location(at: pos)
            var i = pos + 2
            while i < bytes.count, bytes[i] != Byte.closeBrace, bytes[i] != Byte.lf { i += 1 }
            guard i < bytes.count, bytes[i] == Byte.closeBrace else { throw ScriptError(.unterminatedBrace, at: dollar) }
            let name = bytes[(pos + 2)..<i]
            guard let reference = Self.reference(named: name) else {
                throw ScriptError(.badVariableName(String(decoding: name, as: UTF8.self)), at: dollar)
            }
            pos = i + 1
            return reference
        }
        if Byte.isIdentifierStart(next) {
            var i = pos + 2
            while i < bytes.count, Byte.isIdentifierPart(bytes[i]) { i += 1 }
            let name = String(decoding: bytes[(pos + 1)..<i], as: UTF8.self)
            pos = i
            return .named(name)
        }
        let reference: VariableRef
        switch next {
        case UInt8(ascii: "1")...UInt8(ascii: "9"): reference = .positional(Int(next - UInt8(ascii: "0")))
        case UInt8(ascii: "0"): reference = .scriptName
        case UInt8(ascii: "?"): reference = .status
        case Byte.hash: reference = .count
        case UInt8(ascii: "@"): reference = .all
        default: return nil
        }
        pos += 2
        return reference
    }

    /// What `${…}` may contain: a name, an argument number, or `?`, `#`, `@`.
    static func reference(named name: ArraySlice<UInt8>) -> VariableRef? {
        guard let first = name.first else { return nil }
        if Byte.isIdentifierStart(first) {
            guard name.allSatisfy(Byte.isIdentifierPart) else { return nil }
            return .named(String(decoding: name, as: UTF8.self))
        }
        if name.count == 1 {
            switch first {
            case UInt8(ascii: "?"): return .status
            case Byte.hash: return .count
            case UInt8(ascii: "@"): return .all
            case UInt8(ascii: "0"): return .scriptName
            default: break
            }
        }
        guard first != UInt8(ascii: "0"), name.count <= 4, name.allSatisfy(Byte.isDigit) else { return nil }
        return .positional(name.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) })
    }

    // MARK: - Positions

    private mutating func flush(into parts: inout [Word.Part]) {
        guard !buffer.isEmpty else { return }
        parts.append(.literal(String(decoding: buffer, as: UTF8.self)))
        buffer.removeAll(keepingCapacity: true)
    }

    /// 2 for backslash-LF, 3 for backslash-CR-LF, nil otherwise.
    private func continuationLength(at i: Int) -> Int? {
        guard i + 1 < bytes.count else { return nil }
        if bytes[i + 1] == Byte.lf { return 2 }
        if bytes[i + 1] == Byte.cr, i + 2 < bytes.count, bytes[i + 2] == Byte.lf { return 3 }
        return nil
    }

    /// Called with `pos` just after a consumed newline.
    private mutating func startLine() {
        line += 1
        lineStart = pos
    }

    /// The location of byte `offset` on the current line.
    func location(at offset: Int) -> ScriptLocation {
        var column = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }  // count lead bytes = scalars
            i += 1
        }
        return ScriptLocation(origin: origin, line: line, column: column)
    }
}

/// The ASCII bytes the lexer looks at.
enum Byte {
    static let tab = UInt8(ascii: "\t")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let semicolon = UInt8(ascii: ";")
    static let hash = UInt8(ascii: "#")
    static let backslash = UInt8(ascii: "\\")
    static let singleQuote = UInt8(ascii: "'")
    static let doubleQuote = UInt8(ascii: "\"")
    static let dollar = UInt8(ascii: "$")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")

    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_")
    }
    static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
}
