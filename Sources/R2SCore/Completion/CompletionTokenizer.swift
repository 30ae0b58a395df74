/// Splits the text before the cursor into the words of the command being typed, the way the
/// `.r2s` language quotes them (`'…'` literal, `"…"` with backslash escapes, `\x` outside
/// quotes), so TAB can complete a partly typed, still open quoted word.
///
/// It is deliberately forgiving: it never fails, an unterminated quote just leaves the last
/// word open. `$NAME` is kept as typed (completion does not interpolate).
public enum CompletionTokenizer {
    /// One word: as typed, and with quotes and escapes removed.
    public struct Word: Sendable, Equatable {
        /// The exact text typed for this word (quotes and backslashes included).
        public var raw: String
        /// The word's value (quotes and escapes removed).
        public var value: String
        /// The quote still open at the end of the word (`"` or `'`), if any.
        public var openQuote: Character?

        public init(raw: String, value: String, openQuote: Character? = nil) {
            self.raw = raw
            self.value = value
            self.openQuote = openQuote
        }
    }

    /// The command being typed: its finished words and the word under the cursor.
    public struct Line: Sendable, Equatable {
        /// Words before the one under the cursor, in the current command (after the last `;`).
        public var words: [Word]
        /// The word under the cursor (empty when the cursor follows a space).
        public var current: Word
        /// True when the cursor is inside a `#` comment: nothing completes there.
        public var inComment: Bool
    }

    /// Tokenizes `text` (everything before the cursor).
    public static func tokenize(_ text: String) -> Line {
        let scanned = scan(text)
        return Line(words: scanned.commands.last ?? [], current: scanned.current, inComment: scanned.inComment)
    }

    /// The words of every command in `text` (split at `;` and newlines), comments dropped. For
    /// checks over a whole input line, such as the history's secret filter.
    public static func commands(_ text: String) -> [[Word]] {
        let scanned = scan(text)
        var commands = scanned.commands
        if !scanned.current.raw.isEmpty {
            if commands.isEmpty { commands.append([]) }
            commands[commands.count - 1].append(scanned.current)
        }
        return commands.filter { !$0.isEmpty }
    }

    private static func scan(_ text: String) -> (commands: [[Word]], current: Word, inComment: Bool) {
        var commands: [[Word]] = []
        var words: [Word] = []
        var raw = ""
        var value = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        var inComment = false

        func finishWord() {
            if inWord { words.append(Word(raw: raw, value: value)) }
            raw = ""
            value = ""
            inWord = false
        }

        for ch in text {
            if inComment {
                if ch == "\n" || ch == "\r\n" {
                    inComment = false
                    commands.append(words)
                    words.removeAll()
                }
                continue
            }
            if escaped {
                raw.append(ch)
                escaped = false
                // Backslash-newline outside quotes continues the line: it is not part of any word.
                if ch == "\n" && quote == nil { continue }
                // Inside double quotes a backslash only escapes `"`, `\` and `$`; elsewhere any char.
                if quote == "\"" && ch != "\"" && ch != "\\" && ch != "$" { value.append("\\") }
                value.append(ch)
                continue
            }
            if let q = quote {
                raw.append(ch)
                if ch == q {
                    quote = nil
                } else if ch == "\\" && q == "\"" {
                    escaped = true
                } else {
                    value.append(ch)
                }
                continue
            }
            switch ch {
            case " ", "\t", "\r":
                finishWord()
            case ";", "\n", "\r\n":
                finishWord()
                commands.append(words)
                words.removeAll()
            case "#" where !inWord:
                inComment = true
            case "'", "\"":
                inWord = true
                quote = ch
                raw.append(ch)
            case "\\":
                inWord = true
                escaped = true
                raw.append(ch)
            default:
                inWord = true
                raw.append(ch)
                value.append(ch)
            }
        }
        commands.append(words)
        if inComment { return (commands, Word(raw: "", value: ""), true) }
        // A trailing lone backslash is an escape of the next (not yet typed) character.
        return (commands, Word(raw: raw, value: value, openQuote: quote), false)
    }

    /// Renders a candidate value as the continuation of `word`: the typed text is kept exactly
    /// and the rest of `candidate` is escaped for the quoting that is open at the cursor.
    ///
    /// - Parameters:
    ///   - candidate: a value that starts with `word.value`.
    ///   - terminal: the word is complete (close an open quote); false for `dir/` or `--opt=`.
    /// - Returns: `nil` when `candidate` does not extend the typed value.
    public static func render(_ candidate: String, continuing word: Word, terminal: Bool) -> String? {
        guard candidate.hasPrefix(word.value) else { return nil }
        let suffix = candidate.dropFirst(word.value.count)
        var out = word.raw
        // A lone trailing backslash typed outside quotes already escapes the next character.
        var pendingEscape = word.openQuote == nil && rawEndsInOpenEscape(word.raw)
        for ch in suffix {
            if pendingEscape {
                out.append(ch)
                pendingEscape = false
                continue
            }
            switch word.openQuote {
            case "\"":
                if ch == "\"" || ch == "\\" || ch == "$" { out.append("\\") }
                out.append(ch)
            case "'":
                out += ch == "'" ? "'\\''" : String(ch)
            default:
                if needsEscape(ch) { out.append("\\") }
                out.append(ch)
            }
        }
        if terminal, let q = word.openQuote { out.append(q) }
        return out
    }

    /// Characters that end or change a word outside quotes.
    static func needsEscape(_ ch: Character) -> Bool {
        switch ch {
        case " ", "\t", "'", "\"", "\\", "$", ";", "#", "\n": true
        default: false
        }
    }

    private static func rawEndsInOpenEscape(_ raw: String) -> Bool {
        var count = 0
        for ch in raw.reversed() {
            guard ch == "\\" else { break }
            count += 1
        }
        return count % 2 == 1
    }
}
