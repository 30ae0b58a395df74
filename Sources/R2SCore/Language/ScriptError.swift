/// A problem in `.r2s` text (syntax) or with one of the interpreter's own words at run time.
///
/// Rendered as `origin:line:column: message` on stderr (plus an optional `hint:` line), e.g.
/// `job.r2s:3:9: unterminated double quote`. Syntax errors exit with status 2.
public struct ScriptError: UserFacingError, Sendable, Hashable {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        // Lexical
        case unterminatedSingleQuote
        case unterminatedDoubleQuote
        case unterminatedBrace
        case badVariableName(String)
        case trailingBackslash
        // Blocks
        case elseWithoutIf
        case endWithoutIf
        case duplicateElse
        case missingEnd
        case wordsAfterKeyword(String)
        case missingCondition
        case nestedTooDeep(limit: Int)
        case badComparison
        // Builtins
        case builtinUsage(word: String, usage: String)
        case invalidName(word: String, name: String)
        case badExitStatus(String)
        case badOnErrorMode(String)
        case unreadableFile(path: String, reason: String)
        case sourceTooDeep(limit: Int, path: String)
        case keywordFromVariable(String)
    }

    public var kind: Kind
    public var location: ScriptLocation

    public init(_ kind: Kind, at location: ScriptLocation) {
        self.kind = kind
        self.location = location
    }

    /// The exit status this error gives the command or script.
    public var exitStatus: ExitStatus {
        if case .unreadableFile = kind { return .failure }
        return .usage
    }

    /// True for errors that only mean "the input is not finished yet" (the REPL then reads
    /// another line instead of reporting them).
    var isIncompleteInput: Bool {
        switch kind {
        case .unterminatedSingleQuote, .unterminatedDoubleQuote, .trailingBackslash, .missingEnd: true
        default: false
        }
    }

    /// Writes `origin:line:column: message` (and `hint: …`) to the context's stderr.
    func report(in context: ShellContext) {
        let lang = context.language
        context.console.writeErrorLine(context.session.secrets.scrub("\(location): \(localizedMessage(lang))"))
        if let hint = localizedHint(lang) {
            context.console.writeErrorLine(context.text(.hintPrefix) + " " + hint)
        }
    }
}
