@testable import R2SCore
import Testing

/// Words as strings: literal text as is, references as `{NAME}` `{1}` `{#}` `{?}` `{@}` `{0}`.
private func lex(_ text: String) throws(ScriptError) -> [[String]] {
    var lexer = Lexer(bytes: Array(text.utf8), origin: "t.r2s")
    var commands: [[String]] = []
    while let command = try lexer.nextCommand() {
        commands.append(command.words.map(render))
    }
    return commands
}

private func render(_ word: Word) -> String {
    word.parts.map { part -> String in
        switch part {
        case .literal(let s): s
        case .variable(.named(let n)): "{\(n)}"
        case .variable(.positional(let i)): "{\(i)}"
        case .variable(.count): "{#}"
        case .variable(.status): "{?}"
        case .variable(.all): "{@}"
        case .variable(.scriptName): "{0}"
        }
    }.joined()
}

private func lexError(_ text: String) -> ScriptError? {
    do {
        _ = try lex(text)
        return nil
    } catch {
        return error
    }
}

@Suite struct LanguageLexerTests {
    @Test("splits commands on newlines and ';', words on blanks")
    func separators() throws {
        #expect(try lex("a b\tc\nd;e ;; f\n\n") == [["a", "b", "c"], ["d"], ["e"], ["f"]])
        #expect(try lex("") == [])
        #expect(try lex("  \n ; \n") == [])
    }

    @Test("# starts a comment only at the start of a word and outside quotes")
    func comments() throws {
        #expect(try lex("# whole line\necho a # tail\necho a#b '#c' \"#d\" \\#e") == [
            ["echo", "a"], ["echo", "a#b", "#c", "#d", "#e"],
        ])
        #expect(try lex("#!/usr/bin/env r2s\necho x") == [["echo", "x"]])
    }

    @Test("single quotes are literal, across lines too")
    func singleQuotes() throws {
        #expect(try lex(#"echo 'a $X \n "b"' 'two' x'y'z"#) == [["echo", #"a $X \n "b""#, "two", "xyz"]])
        #expect(try lex("echo 'line1\nline2'") == [["echo", "line1\nline2"]])
        #expect(try lex("echo '' x") == [["echo", "", "x"]])
    }

    @Test("double quotes interpolate and know \\\" \\\\ \\$ \\n \\t; other escapes stay")
    func doubleQuotes() throws {
        #expect(try lex(#"echo "a $X-${Y}z" "q\"b\\s\$d" "t\tn\n" "c:\dir""#) == [
            ["echo", "a {X}-{Y}z", "q\"b\\s$d", "t\tn\n", "c:\\dir"]
        ])
        #expect(try lex(#"echo "; # not special""#) == [["echo", "; # not special"]])
    }

    @Test("backslash outside quotes makes the next character literal")
    func escapes() throws {
        #expect(try lex(#"echo a\ b \; \$X \\ \n"#) == [["echo", "a b", ";", "$X", "\\", "n"]])
    }

    @Test("trailing backslash continues the line, inside and outside words")
    func continuation() throws {
        #expect(try lex("echo a \\\n  b\necho c\\\nd") == [["echo", "a", "b"], ["echo", "cd"]])
        #expect(try lex("echo \"x\\\ny\"") == [["echo", "xy"]])
        #expect(try lex("echo a \\\r\n b") == [["echo", "a", "b"]])
    }

    @Test("$ references: names, braces, arguments, specials; a lone $ is literal")
    func references() throws {
        #expect(try lex("echo $A_1 ${b} $1 $9 $# $? $@ $0 ${12} $ a$ $- $$") == [
            ["echo", "{A_1}", "{b}", "{1}", "{9}", "{#}", "{?}", "{@}", "{0}", "{12}", "$", "a$", "$-", "$$"]
        ])
        // `$10` is `$1` followed by 0, as in sh.
        #expect(try lex("echo $10 $Xy.z") == [["echo", "{1}0", "{Xy}.z"]])
    }

    @Test("multi-byte text passes through; columns count characters")
    func unicode() throws {
        #expect(try lex("echo ação 🎉 \"é$X\"") == [["echo", "ação", "🎉", "é{X}"]])
        let error = try #require(lexError("echo ação \"oops"))
        #expect(error.location == ScriptLocation(origin: "t.r2s", line: 1, column: 11))
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func byteOrderMark() throws {
        #expect(try lex("\u{FEFF}echo x") == [["echo", "x"]])
    }

    @Test("malformed input names the kind and the file:line:column of the opening character")
    func malformed() {
        #expect(lexError("echo ok\necho 'abc")?.kind == .unterminatedSingleQuote)
        #expect(lexError("echo ok\necho 'abc")?.location.description == "t.r2s:2:6")
        #expect(lexError("echo \"a\nb\nc")?.kind == .unterminatedDoubleQuote)
        #expect(lexError("echo \"a\nb\nc")?.location.description == "t.r2s:1:6")
        #expect(lexError("echo ${ABC")?.kind == .unterminatedBrace)
        #expect(lexError("echo ${ABC\n}")?.kind == .unterminatedBrace)
        #expect(lexError("echo x${A-B}")?.kind == .badVariableName("A-B"))
        #expect(lexError("echo x${A-B}")?.location.description == "t.r2s:1:7")
        #expect(lexError("echo ${}")?.kind == .badVariableName(""))
        #expect(lexError("echo ${01}")?.kind == .badVariableName("01"))
        #expect(lexError("echo \"${X\"")?.kind == .unterminatedBrace)
        #expect(lexError("echo a\\")?.kind == .trailingBackslash)
    }

    @Test("lines after a continuation keep correct line numbers")
    func lineNumbers() throws {
        var lexer = Lexer(bytes: Array("a \\\n b\n\n'x\ny' c\nd".utf8), origin: "f")
        var lines: [Int] = []
        while let c = try lexer.nextCommand() { lines.append(c.location.line) }
        #expect(lines == [1, 4, 6])
    }
}
