/// The interpreter's own words, resolved at parse time when the command word is literal.
enum Builtin: String, Sendable, CaseIterable {
    case set, unset, echo, exit, source
    case onError = "on-error"
}

/// A parsed command: its words, and the builtin it names (if the command word is literal).
struct CommandNode: Sendable {
    var words: [Word]
    var builtin: Builtin?
    var location: ScriptLocation
    /// The command's text in the program's bytes, for diagnostics.
    var range: Range<Int>
}

/// The condition of an `if`.
enum Condition: Sendable {
    /// `if [!] COMMAND …`: true when the command exits 0.
    case command(CommandNode, negated: Bool)
    /// `if [!] A == B` / `A != B`: a string comparison after expansion.
    case compare(Word, equal: Bool, Word, negated: Bool, range: Range<Int>)

    /// The text of the whole `if` line, for diagnostics.
    var range: Range<Int> {
        switch self {
        case .command(let node, _): node.range
        case .compare(_, _, _, _, let range): range
        }
    }
}

/// One `if … [else …] end` block.
final class IfNode: Sendable {
    let condition: Condition
    let thenBody: [Statement]
    let elseBody: [Statement]
    let location: ScriptLocation

    init(condition: Condition, thenBody: [Statement], elseBody: [Statement], location: ScriptLocation) {
        self.condition = condition
        self.thenBody = thenBody
        self.elseBody = elseBody
        self.location = location
    }
}

/// A statement of a program.
enum Statement: Sendable {
    case command(CommandNode)
    case conditional(IfNode)
}

/// A parsed text: its statements and its bytes (so diagnostics can quote commands).
final class Program: Sendable {
    let origin: String
    let bytes: [UInt8]
    let statements: [Statement]

    init(origin: String, bytes: [UInt8], statements: [Statement]) {
        self.origin = origin
        self.bytes = bytes
        self.statements = statements
    }

    /// The source text of a command, on one line and shortened for a diagnostic.
    func excerpt(_ range: Range<Int>, limit: Int = 60) -> String {
        let clamped = range.clamped(to: 0..<bytes.count)
        let raw = String(decoding: bytes[clamped], as: UTF8.self)
        // A continued command spans lines: show it on one, with runs of blanks collapsed.
        var text = ""
        var pendingBlank = false
        var scalars = raw.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            if c == "\\" {
                guard let n = scalars.next() else { text.unicodeScalars.append(c); break }
                if n == "\n" { pendingBlank = true; continue }
                if pendingBlank, !text.isEmpty { text += " " }
                pendingBlank = false
                text.unicodeScalars.append(c)
                text.unicodeScalars.append(n)
            } else if c == " " || c == "\t" || c == "\n" || c == "\r" {
                pendingBlank = true
            } else {
                if pendingBlank, !text.isEmpty { text += " " }
                pendingBlank = false
                text.unicodeScalars.append(c)
            }
        }
        if text.count > limit { text = String(text.prefix(limit - 1)) + "…" }
        return text
    }
}
