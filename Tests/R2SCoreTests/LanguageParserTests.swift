@testable import R2SCore
import Foundation
import R2STestSupport
import Testing

/// The program's shape as text: `cmd(words)`, `if(cond){…}else{…}`.
private func shape(_ text: String) throws(ScriptError) -> String {
    shape(try Parser.parse(text, origin: "p.r2s").statements)
}

private func shape(_ statements: [Statement]) -> String {
    statements.map { statement -> String in
        switch statement {
        case .command(let node):
            return (node.builtin == nil ? "" : "@") + node.words.map { $0.literal ?? "$" }.joined(separator: " ")
        case .conditional(let block):
            let cond: String
            switch block.condition {
            case .command(let node, let negated):
                cond = (negated ? "!" : "") + node.words.map { $0.literal ?? "$" }.joined(separator: " ")
            case .compare(let a, let equal, let b, let negated, _):
                cond = (negated ? "!" : "") + (a.literal ?? "$") + (equal ? "==" : "!=") + (b.literal ?? "$")
            }
            return "if(\(cond)){\(shape(block.thenBody))}else{\(shape(block.elseBody))}"
        }
    }.joined(separator: "; ")
}

private func parseError(_ text: String) -> ScriptError? {
    do {
        _ = try Parser.parse(text, origin: "p.r2s")
        return nil
    } catch {
        return error
    }
}

@Suite struct LanguageParserTests {
    @Test("builtins are resolved from literal command words")
    func builtins() throws {
        #expect(try shape("set A 1; echo x; sleep 1; \"echo\" y; $CMD z") == "@set A 1; @echo x; sleep 1; @echo y; $ z")
    }

    @Test("if/else/end blocks nest; else if shares one end")
    func blocks() throws {
        #expect(try shape("if true\necho a\nend") == "if(true){@echo a}else{}")
        #expect(try shape("if ! false; echo a; else; echo b; end") == "if(!false){@echo a}else{@echo b}")
        #expect(try shape("if a == b\nif x != y\necho in\nend\nend\necho out") == "if(a==b){if(x!=y){@echo in}else{}}else{}; @echo out")
        #expect(
            try shape("if A == 1\necho one\nelse if A == 2\necho two\nelse if ! true\necho three\nelse\necho other\nend")
                == "if(A==1){@echo one}else{if(A==2){@echo two}else{if(!true){@echo three}else{@echo other}}}")
    }

    @Test("only bare == and != make a comparison; quoted ones are plain words")
    func comparisons() throws {
        #expect(try shape("if \"$A\" == ''\nend") == "if($==){}else{}")
        #expect(try shape("if echo '=='\nend") == "if(echo ==){}else{}")
        #expect(parseError("if a == b c\nend")?.kind == .badComparison)
        #expect(parseError("if == b\nend")?.kind == .badComparison)
        #expect(parseError("if a b ==\nend")?.location.description == "p.r2s:1:8")
    }

    @Test("stray else/end, a second else, words after end, missing condition")
    func blockErrors() {
        #expect(parseError("echo a\nelse\n")?.kind == .elseWithoutIf)
        #expect(parseError("echo a\nelse\n")?.location.description == "p.r2s:2:1")
        #expect(parseError("  end")?.kind == .endWithoutIf)
        #expect(parseError("  end")?.location.description == "p.r2s:1:3")
        #expect(parseError("if true\nelse\nelse\nend")?.kind == .duplicateElse)
        #expect(parseError("if true\nend now")?.kind == .wordsAfterKeyword("end"))
        #expect(parseError("if true\nelse echo\nend")?.kind == .wordsAfterKeyword("else"))
        #expect(parseError("if\nend")?.kind == .missingCondition)
        #expect(parseError("if !\nend")?.kind == .missingCondition)
    }

    @Test("a missing end is reported at the innermost open if")
    func missingEnd() {
        let error = parseError("if true\n  if false\n    echo x\nend\n  if true\n")
        #expect(error?.kind == .missingEnd)
        #expect(error?.location.description == "p.r2s:5:3")
        #expect(parseError("if a == b\necho\nelse if c == d\necho\n")?.location.description == "p.r2s:1:1")
    }

    @Test("literal builtin arguments are checked before anything runs")
    func builtinChecks() {
        #expect(parseError("echo ok\non-error sometimes")?.kind == .badOnErrorMode("sometimes"))
        #expect(parseError("echo ok\non-error sometimes")?.location.description == "p.r2s:2:10")
        #expect(parseError("on-error")?.kind == .builtinUsage(word: "on-error", usage: "on-error stop|continue"))
        #expect(parseError("set 1X a")?.kind == .invalidName(word: "set", name: "1X"))
        #expect(parseError("unset A b-c")?.kind == .invalidName(word: "unset", name: "b-c"))
        #expect(parseError("unset")?.kind == .builtinUsage(word: "unset", usage: "unset NAME…"))
        #expect(parseError("exit 256")?.kind == .badExitStatus("256"))
        #expect(parseError("exit -1")?.kind == .badExitStatus("-1"))
        #expect(parseError("exit 1 2")?.kind == .builtinUsage(word: "exit", usage: "exit [STATUS]"))
        #expect(parseError("source")?.kind == .builtinUsage(word: "source", usage: "source FILE [ARG…]"))
        // Arguments from variables are checked when they run.
        #expect(parseError("on-error $MODE; exit $S; set $N x") == nil)
    }

    @Test("needsContinuation: open quote, trailing backslash, open if — not other errors")
    func continuation() {
        let shell = TestShell(modules: [], mode: .interactive)
        let interpreter = shell.interpreter
        #expect(interpreter.needsContinuation("echo \"abc"))
        #expect(interpreter.needsContinuation("echo 'abc\ndef"))
        #expect(interpreter.needsContinuation("echo abc \\"))
        #expect(interpreter.needsContinuation("if true"))
        #expect(interpreter.needsContinuation("if true\n  if false\n  end"))
        #expect(interpreter.needsContinuation("if true\nelse"))
        #expect(!interpreter.needsContinuation("if true\nend"))
        #expect(!interpreter.needsContinuation("echo \"abc\""))
        #expect(!interpreter.needsContinuation("echo # it's a comment"))
        #expect(!interpreter.needsContinuation("end"))
        #expect(!interpreter.needsContinuation("echo ${X"))
        #expect(!interpreter.needsContinuation(""))
    }

    @Test("the stop message quotes the command on one line, shortened")
    func excerpt() throws {
        let program = try Parser.parse("sync a \\\n   b   c\n" + "echo " + String(repeating: "x", count: 100), origin: "p")
        guard case .command(let first) = program.statements[0], case .command(let second) = program.statements[1] else {
            Issue.record("expected two commands")
            return
        }
        #expect(program.excerpt(first.range) == "sync a b c")
        let long = program.excerpt(second.range)
        #expect(long.count == 60)
        #expect(long.hasPrefix("echo xxx"))
        #expect(long.hasSuffix("x…"))
    }

    @Test("every ```r2s example in docs/language.md parses")
    func documentationExamples() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/language.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var blocks: [String] = []
        var current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // An info string may follow the language (`r2s arg=fichas/`, read by the doc-example runner).
            if current == nil, trimmed == "```r2s" || trimmed.hasPrefix("```r2s ") {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current!.append(String(line))
            }
        }
        #expect(blocks.count >= 5)
        for block in blocks {
            #expect(parseError(block) == nil, "docs example does not parse:\n\(block)")
        }
    }
}
