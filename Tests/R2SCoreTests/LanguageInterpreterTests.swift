import Foundation
import R2SCore
import R2STestSupport
import Testing
import UtilModule

/// A fresh temporary directory for `source` tests.
/// A shell with the language and its builtins only (no command module).
private func bare() -> TestShell { TestShell(modules: []) }

private func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-lang-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

@Suite struct LanguageInterpreterTests {
    @Test("variables, arguments, $#, $?, $0 and $@ expand; unknown names are empty")
    func interpolation() async {
        let shell = TestShell(modules: [UtilModule()], environment: ["HOME": "/home/op", "WHO": "env"])
        let r = await shell.run(
            """
            set WHO script
            set GREETING  hello   big\tworld
            echo "$GREETING, $WHO ($HOME)" '$WHO' ${WHO}s $NOPE. [$NOPE]
            echo $# $1 $2 $3 "[$9]" $0
            echo $@
            on-error continue
            false
            echo status $?
            true; echo status $?
            """, origin: "job.r2s", arguments: ["a b", "c"])
        #expect(r.err == "")
        #expect(r.out == "hello big world, script (/home/op) $WHO scripts . []\n2 a b c  [] job.r2s\na b c\nstatus 1\nstatus 0\n")
        #expect(r.status == .ok)
    }

    @Test("a word never splits or vanishes; only a whole $@ becomes one word per argument")
    func wordIntegrity() async {
        let shell = TestShell(modules: [UtilModule()])
        // `sleep` takes exactly one argument: an empty $X still counts as one, `$@` expands to two.
        #expect(await shell.run("sleep $EMPTY").err.contains("sleep"))
        #expect(await shell.run("sleep $EMPTY").status == .usage)
        #expect(await shell.run("set X '0 0'; sleep $X").status == .usage)
        #expect(await shell.run("sleep $@", arguments: ["0"]).status == .ok)
        #expect(await shell.run("sleep $@", arguments: ["0", "0"]).status == .usage)
        #expect(await shell.run("set C echo; $C via variable; set C 'no such'; on-error continue; $C").out == "via variable\n")
    }

    @Test("set joins values with one space; set alone lists with secrets masked; unset removes")
    func setAndUnset() async {
        let r = await bare().run(
            "set B two words\nset A\nset API_SECRET hunter2hunter2hunter2\nset\nunset B\necho [$B]\nset")
        #expect(r.out == "A=\nAPI_SECRET=****ter2\nB=two words\n[]\nA=\nAPI_SECRET=****ter2\n")
    }

    @Test("setting a profile name overrides the session's profile and drops its caches")
    func profileOverride() async {
        let shell = TestShell(modules: [], environment: ["R2_BUCKET": "from-env"])
        let session = shell.interpreter.context.session
        var profile = session.profile
        profile.values["R2_REGION"] = "weur"
        session.profile = profile
        _ = session.cached("client") { 1 }
        let r = await shell.run("echo $R2_REGION $R2_BUCKET\nset R2_BUCKET media\nset R2S_TABLE files\nunset R2_REGION\necho $R2_BUCKET [$R2_REGION]")
        #expect(r.out == "weur from-env\nmedia []\n")
        #expect(session.profile.values["R2_BUCKET"] == "media")
        #expect(session.profile.values["R2S_TABLE"] == "files")
        #expect(session.profile.values["R2_REGION"] == nil)
        #expect(session.profile.origins["R2_BUCKET"] == "script")
        #expect(session.cached("client") { 2 } == 2)
        // An ordinary variable leaves the profile alone.
        _ = await shell.run("set BUCKET other")
        #expect(session.profile.values["BUCKET"] == nil)
    }

    @Test("a script stops at the first failing command, naming it with file:line:column")
    func stopOnError() async {
        let shell = TestShell(modules: [UtilModule()])
        let r = await shell.run("echo one\n  sleep not-a-number\necho two", origin: "job.r2s")
        #expect(r.out == "one\n")
        #expect(r.err.hasSuffix("job.r2s:2:3: stopped: 'sleep not-a-number' failed with exit status 2\n"))
        #expect(r.status == .usage)
        #expect(shell.interpreter.lastStatus == .usage)
    }

    @Test("on-error continue keeps going; the script's status is the last command's")
    func continueOnError() async {
        let shell = TestShell(modules: [UtilModule()])
        let r = await shell.run("on-error continue\nfalse\necho after $?\nfalse")
        #expect(r.out == "after 1\n")
        #expect(r.err == "")
        #expect(r.status == .failure)
        let interactive = TestShell(modules: [UtilModule()], mode: .interactive)
        #expect(await interactive.run("false; echo still here").out == "still here\n")
        #expect(await interactive.run("on-error stop; false; echo not here").out == "")
    }

    @Test("a failing if-condition never stops the script; $? holds its status")
    func conditions() async {
        let shell = TestShell(modules: [UtilModule()])
        let r = await shell.run(
            """
            if false
              echo no
            else
              echo "else $?"
            end
            if ! false; echo negated $?; end
            set A x
            if $A == x; echo equal; end
            if "$A" != "x"; echo different; else; echo same; end
            if ! $A == y; echo not-y; end
            if false; echo unreachable; end
            echo after $?
            """)
        #expect(r.out == "else 1\nnegated 0\nequal\nsame\nnot-y\nafter 0\n")
        #expect(r.status == .ok)
    }

    @Test("exit ends the script with its status, or with $? when bare")
    func exit() async {
        let shell = TestShell(modules: [UtilModule()])
        let r = await shell.run("echo a\nif true\n  exit 4\nend\necho b")
        #expect(r.out == "a\n")
        #expect(r.status == .refused)
        #expect(shell.interpreter.exitRequested == .refused)
        let bare = TestShell(modules: [UtilModule()])
        #expect(await bare.run("on-error continue; false; exit").status == .failure)
        let dynamic = TestShell(modules: [])
        let bad = await dynamic.run("set N 300\nexit $N", origin: "x.r2s")
        #expect(bad.status == .usage)
        #expect(bad.err == "x.r2s:2:6: exit: '300' is not a status between 0 and 255\nx.r2s:2:1: stopped: 'exit $N' failed with exit status 2\n")
        #expect(dynamic.interpreter.exitRequested == nil)
    }

    @Test("a syntax error anywhere means nothing in the text runs")
    func syntaxFirst() async {
        let shell = TestShell(modules: [])
        let r = await shell.run("echo first\necho fine\necho \"broken\n", origin: "job.r2s")
        #expect(r.out == "")
        #expect(r.err == "job.r2s:3:6: unterminated double quote\n")
        #expect(r.status == .usage)
        #expect(shell.interpreter.lastStatus == .usage)
    }

    @Test("a command word from a variable may name a builtin but not a keyword")
    func dynamicKeyword() async {
        let r = await bare().run("set K end\n$K", origin: "k.r2s")
        #expect(r.err.hasPrefix("k.r2s:2:1: 'end' must be written literally, not come from a variable\n"))
        #expect(r.status == .usage)
    }

    @Test("messages follow LANG=pt_BR")
    func portuguese() async {
        let shell = TestShell(modules: [UtilModule()], language: .ptBR)
        let r = await shell.run("false", origin: "j.r2s")
        #expect(r.err == "j.r2s:1:1: parado: 'false' falhou com status de saída 1\n")
        #expect(await shell.run("echo 'x", origin: "j.r2s").err == "j.r2s:1:6: aspas simples sem fechamento\n")
    }

    @Test("variableNames lists script variables, profile settings and the environment")
    func names() async {
        let shell = TestShell(modules: [], environment: ["PATH": "/bin"])
        _ = await shell.run("set MINE 1")
        let names = shell.interpreter.variableNames()
        #expect(names.contains("MINE"))
        #expect(names.contains("PATH"))
        #expect(names == names.sorted())
    }

    @Test("reserved words are listed by help under SHELL")
    func reservedWordsInHelp() async {
        let shell = TestShell(modules: [])
        let r = await shell.run("help")
        #expect(r.out.contains("\nSHELL\n"))
        #expect(r.out.contains("  on-error"))
        #expect(await shell.run("help if").out.hasPrefix("if: "))
    }
}

@Suite struct LanguageSourceTests {
    @Test("source finds files relative to the sourcing file and shares variables")
    func relativeSource() async throws {
        let dir = try temporaryDirectory()
        try write("set FROM_LIB yes\necho lib sees $X $1\nsource ../data/leaf.r2s\n", to: dir + "/lib/common.r2s")
        try write("echo leaf $0\n", to: dir + "/data/leaf.r2s")
        let r = await bare().run("set X 1\nsource lib/common.r2s arg\necho main sees $FROM_LIB $1", origin: dir + "/main.r2s", arguments: ["top"])
        #expect(r.err == "")
        #expect(r.out == "lib sees 1 arg\nleaf \(dir)/lib/../data/leaf.r2s\nmain sees yes top\n")
    }

    @Test("an unreadable file fails the source line (status 1) at its location")
    func missingFile() async throws {
        let dir = try temporaryDirectory()
        let r = await bare().run("echo a\nsource nope.r2s\necho b", origin: dir + "/m.r2s")
        #expect(r.out == "a\n")
        #expect(r.err.hasPrefix("\(dir)/m.r2s:2:1: source: cannot read '\(dir)/nope.r2s': No such file or directory\n"))
        #expect(r.err.hasSuffix("\(dir)/m.r2s:2:1: stopped: 'source nope.r2s' failed with exit status 1\n"))
        #expect(r.status == .failure)
    }

    @Test("a syntax error in a sourced file is reported there and nothing of it runs")
    func sourcedSyntaxError() async throws {
        let dir = try temporaryDirectory()
        try write("echo should-not-run\nif true\n", to: dir + "/bad.r2s")
        let r = await bare().run("source bad.r2s", origin: dir + "/m.r2s")
        #expect(r.out == "")
        #expect(r.err.hasPrefix("\(dir)/bad.r2s:2:1: 'if' without matching 'end'\n"))
        #expect(r.status == .usage)
    }

    @Test("a file that sources itself fails with a clear error after 32 levels, once")
    func recursion() async throws {
        let dir = try temporaryDirectory()
        try write("echo level\nsource self.r2s\necho unreachable\n", to: dir + "/self.r2s")
        let shell = TestShell(modules: [])
        let r = await shell.run("source self.r2s", origin: dir + "/m.r2s")
        #expect(r.out == String(repeating: "level\n", count: Interpreter.maxDepth))
        #expect(r.err.contains("scripts nested more than 32 deep at '\(dir)/self.r2s'"))
        #expect(r.err.contains("hint: does a script source (or call) itself?"))
        #expect(r.err.components(separatedBy: "stopped:").count == 2)
        #expect(r.status == .usage)
        // With on-error continue every level goes on; still no crash, and the shell is usable after.
        let lenient = TestShell(modules: [], mode: .interactive)
        let l = await lenient.run("source self.r2s", origin: dir + "/m.r2s")
        #expect(l.out.components(separatedBy: "unreachable").count == Interpreter.maxDepth + 1)
        #expect(await lenient.run("echo ok").out == "ok\n")
    }

    @Test("runChild: own variables and arguments, stops on error, exit ends only the child")
    func child() async {
        let shell = TestShell(modules: [UtilModule()], mode: .interactive)
        _ = await shell.run("set PARENT p")
        let interpreter = shell.interpreter
        shell.console.reset()
        let status = await interpreter.runChild(
            source: "echo [$PARENT] $1 $#\nset CHILD c\nfalse\necho unreachable", origin: "plug.r2s", arguments: ["x"])
        #expect(status == .failure)
        #expect(shell.console.output == "[] x 1\n")
        #expect(shell.console.errorOutput == "plug.r2s:3:1: stopped: 'false' failed with exit status 1\n")
        let after = await shell.run("echo $PARENT [$CHILD] $#")
        #expect(after.out == "p [] 0\n")
        #expect(await interpreter.runChild(source: "exit 6", origin: "p.r2s", arguments: []) == .drift)
        #expect(interpreter.exitRequested == nil)
    }
}
