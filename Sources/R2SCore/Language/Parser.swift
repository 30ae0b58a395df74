/// Turns the lexer's commands into statements: resolves builtins, builds `if`/`else`/`end`
/// blocks, and checks what can be checked before anything runs (literal builtin arguments,
/// block structure), so a syntax error anywhere in a file stops the file before its first line.
struct Parser {
    /// An `if` block being built.
    private struct OpenBlock {
        var condition: Condition
        var location: ScriptLocation
        var thenBody: [Statement] = []
        var elseBody: [Statement] = []
        var inElse = false
        /// Opened by `else if`: closed by the same `end` as the block it continues.
        var continuesParent = false
    }

    /// Parses a whole text; throws the first syntax error.
    static func parse(_ text: String, origin: String) throws(ScriptError) -> Program {
        let bytes = Array(text.utf8)
        var lexer = Lexer(bytes: bytes, origin: origin)
        var root: [Statement] = []
        var open: [OpenBlock] = []

        func append(_ statement: Statement) {
            if open.isEmpty {
                root.append(statement)
            } else if open[open.count - 1].inElse {
                open[open.count - 1].elseBody.append(statement)
            } else {
                open[open.count - 1].thenBody.append(statement)
            }
        }

        while let raw = try lexer.nextCommand() {
            switch raw.words[0].bareText {
            case "if":
                guard open.count < Interpreter.maxNesting else {
                    throw ScriptError(.nestedTooDeep(limit: Interpreter.maxNesting), at: raw.location)
                }
                let condition = try parseCondition(raw, from: 1)
                open.append(OpenBlock(condition: condition, location: raw.location))
            case "else":
                guard var block = open.popLast() else { throw ScriptError(.elseWithoutIf, at: raw.location) }
                guard !block.inElse else { throw ScriptError(.duplicateElse, at: raw.location) }
                block.inElse = true
                open.append(block)
                if raw.words.count > 1 {
                    guard raw.words[1].bareText == "if" else {
                        throw ScriptError(.wordsAfterKeyword("else"), at: raw.words[1].location)
                    }
                    guard open.count < Interpreter.maxNesting else {
                        throw ScriptError(.nestedTooDeep(limit: Interpreter.maxNesting), at: raw.words[1].location)
                    }
                    let condition = try parseCondition(raw, from: 2)
                    open.append(OpenBlock(condition: condition, location: raw.words[1].location, continuesParent: true))
                }
            case "end":
                guard raw.words.count == 1 else { throw ScriptError(.wordsAfterKeyword("end"), at: raw.words[1].location) }
                guard !open.isEmpty else { throw ScriptError(.endWithoutIf, at: raw.location) }
                var closesParent = true
                while closesParent, let block = open.popLast() {
                    closesParent = block.continuesParent
                    append(.conditional(IfNode(
                        condition: block.condition, thenBody: block.thenBody, elseBody: block.elseBody,
                        location: block.location)))
                }
            default:
                append(.command(try command(raw.words, location: raw.location, range: raw.range)))
            }
        }
        if let unclosed = open.last(where: { !$0.continuesParent }) {
            throw ScriptError(.missingEnd, at: unclosed.location)
        }
        return Program(origin: origin, bytes: bytes, statements: root)
    }

    /// `[!] COMMAND …` or `[!] A == B` / `[!] A != B`, starting at word `index`.
    private static func parseCondition(_ raw: RawCommand, from index: Int) throws(ScriptError) -> Condition {
        var words = raw.words[index...]
        var negated = false
        if words.first?.bareText == "!" {
            negated = true
            words = words.dropFirst()
        }
        guard let first = words.first else {
            throw ScriptError(.missingCondition, at: raw.words[index - 1].location)
        }
        let operators = words.filter { $0.bareText == "==" || $0.bareText == "!=" }
        if !operators.isEmpty {
            let w = Array(words)
            guard w.count == 3, let op = w[1].bareText, op == "==" || op == "!=" else {
                throw ScriptError(.badComparison, at: operators[0].location)
            }
            return .compare(w[0], equal: op == "==", w[2], negated: negated, range: raw.range)
        }
        let node = try command(Array(words), location: first.location, range: raw.range)
        return .command(node, negated: negated)
    }

    /// A command node with its builtin resolved and literal builtin arguments checked.
    static func command(_ words: [Word], location: ScriptLocation, range: Range<Int>) throws(ScriptError) -> CommandNode {
        let builtin = words[0].literal.flatMap(Builtin.init(rawValue:))
        if let builtin {
            let args = words.dropFirst().map { $0.isAllArguments ? nil : $0.literal }
            // Only literal arguments can be checked now; `$X` ones are checked when they run.
            if let problem = Builtins.check(builtin, arguments: args) {
                let at = problem.argument.map { words[$0 + 1].location } ?? location
                throw ScriptError(problem.kind, at: at)
            }
        }
        return CommandNode(words: words, builtin: builtin, location: location, range: range)
    }
}
