/// A reference to a variable inside a word: `$NAME`, `${NAME}`, `$1`…`$9`, `$#`, `$?`, `$0`, `$@`.
enum VariableRef: Sendable, Hashable {
    /// `$NAME` / `${NAME}`: a script variable, then a profile setting, then the environment.
    case named(String)
    /// `$1`…`$9` (and `${10}`…): a script argument.
    case positional(Int)
    /// `$#`: the number of script arguments.
    case count
    /// `$?`: the exit status of the last command.
    case status
    /// `$0`: the script's name (its origin).
    case scriptName
    /// `$@`: every argument; as a whole word, one word per argument.
    case all
}

/// One word of a command as written, before expansion.
///
/// A word never splits into several words and never disappears when a variable is empty (the
/// one exception is a word that is exactly `$@`), so `delete $KEY` with an empty `KEY` passes
/// an empty argument rather than shifting the next one into its place.
struct Word: Sendable {
    enum Part: Sendable {
        case literal(String)
        case variable(VariableRef)
    }

    var parts: [Part]
    var location: ScriptLocation
    /// Written without quotes, escapes or `$`: only bare words can be keywords (`if`, `==`, `!`).
    var isBare: Bool

    /// The text when the word has no variables (nil otherwise).
    var literal: String? {
        switch parts.count {
        case 0: return ""
        case 1: if case .literal(let s) = parts[0] { return s } else { return nil }
        default: return nil
        }
    }

    /// The word when written bare (a keyword candidate).
    var bareText: String? { isBare ? literal : nil }

    /// True when the word is exactly `$@` (quoted or not): it expands to one word per argument.
    var isAllArguments: Bool {
        if parts.count == 1, case .variable(.all) = parts[0] { return true }
        return false
    }
}

/// One command as the lexer found it: its words, where it starts, and the byte range of its
/// text (for the "stopped: '…'" message, decoded only when needed).
struct RawCommand: Sendable {
    var words: [Word]
    var location: ScriptLocation
    var range: Range<Int>
}
