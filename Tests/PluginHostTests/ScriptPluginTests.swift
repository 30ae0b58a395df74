import Foundation
import PluginHost
import R2SCore
import Testing

@Suite struct HeaderTests {
    @Test("header: summary, usage, arguments, free text; a #! line is skipped")
    func fullHeader() throws {
        let text = """
            #!/usr/bin/env r2s
            # r2s-plugin: Report orphans under a prefix.
            # usage: orphans [PREFIX] [--report FILE]
            # arg: PREFIX          folder to inspect
            # arg: --report FILE   also write a report
            # arg:\t--dry-run\tonly show
            #
            # Read-only.
            #   orphans fichas/

            # not part of the header
            check $@
            """
        let header = try #require(PluginHeader.parse(text))
        #expect(header.summary == "Report orphans under a prefix.")
        #expect(header.usage == "orphans [PREFIX] [--report FILE]")
        #expect(header.arguments.map(\.name) == ["PREFIX", "--report FILE", "--dry-run"])
        #expect(header.arguments.map(\.help) == ["folder to inspect", "also write a report", "only show"])
        #expect(header.arguments.map(\.optionWord) == [nil, "--report", "--dry-run"])
        #expect(header.description == ["Read-only.", "  orphans fichas/"])
    }

    @Test("no r2s-plugin: line (or code before it) means no header")
    func noHeader() {
        #expect(PluginHeader.parse("# just a comment\ncheck\n") == nil)
        #expect(PluginHeader.parse("check\n# r2s-plugin: too late\n") == nil)
        #expect(PluginHeader.parse("") == nil)
        #expect(PluginHeader.parse("# r2s-plugin:\n") == nil)
        #expect(PluginHeader.parse("\u{7F}ELF\u{2}\u{1}\u{1}") == nil)
    }
}

@Suite struct ScriptPluginTests {
    @Test("arguments, origin and source reach the runner; its status is the command's status")
    func argumentsAndStatus() async throws {
        let tmp = TempDir()
        let dir = tmp.dir("p")
        let source = "# r2s-plugin: Echo things.\necho $1 $#\n"
        let path = tmp.file("p/things.r2s", source)
        let runner = FakeRunner(status: ExitStatus(6))
        let shell = PluginShell(pluginPath: [dir], runner: runner)
        let result = await shell.run("things", "a b", "", "--flag")
        #expect(result.status == ExitStatus(6))
        let call = try #require(runner.calls.first)
        #expect(call.arguments == ["a b", "", "--flag"])
        #expect(call.origin == path)
        #expect(call.source == source)
        #expect(call.format == .table)
    }

    @Test("global --json/--csv are applied to the context the script runs in, not passed as arguments")
    func globalFlags() async throws {
        let tmp = TempDir()
        let dir = tmp.plugins(["fmt.r2s": "# r2s-plugin: f\n"])
        let runner = FakeRunner()
        let shell = PluginShell(pluginPath: [dir], runner: runner)
        _ = await shell.run("fmt", "x", "--json")
        _ = await shell.run("fmt", "--csv")
        #expect(runner.calls.map(\.arguments) == [["x"], []])
        #expect(runner.calls.map(\.format) == [.json, .csv])
    }

    @Test("NAME --help and help NAME print the header; nothing runs")
    func help() async {
        let tmp = TempDir()
        let dir = tmp.plugins(["orphans.r2s": "# r2s-plugin: Report orphans.\n# usage: orphans [PREFIX]\n# arg: PREFIX  folder\n#\n# Read-only.\ncheck\n"])
        let runner = FakeRunner()
        let shell = PluginShell(pluginPath: [dir], runner: runner)
        let flag = await shell.run("orphans", "--help")
        #expect(flag.status == .ok)
        #expect(flag.out.hasPrefix("orphans — Report orphans.\n\nUSAGE: orphans [PREFIX]\n\nARGUMENTS:\n  PREFIX  folder\n"))
        #expect(flag.out.contains("\nRead-only.\n"))
        #expect(flag.out.contains("script plugin: \(dir)/orphans.r2s"))
        let help = await shell.run("help", "orphans")
        #expect(help.out == flag.out)
        #expect(runner.calls.isEmpty)
    }

    @Test("completion offers the declared options not typed yet")
    func completion() async throws {
        let tmp = TempDir()
        let dir = tmp.plugins(["job.r2s": "# r2s-plugin: j\n# arg: PREFIX  p\n# arg: --report FILE  r\n# arg: --dry-run  d\n# arg: --reason=TEXT  x\n"])
        let shell = PluginShell(pluginPath: [dir], runner: FakeRunner())
        guard case .runtime(let job) = shell.registry.entry("job") else {
            Issue.record("job is not registered")
            return
        }
        let all = await job.complete(CompletionRequest(previousWords: [], option: nil, prefix: "--"), in: shell.context)
        #expect(all == ["--report", "--dry-run", "--reason"])
        let rest = await job.complete(
            CompletionRequest(previousWords: ["--report", "x.json"], option: nil, prefix: "--r"), in: shell.context)
        #expect(rest == ["--reason"])
    }

    @Test("a plugin calling itself stops at the depth limit with an error instead of recursing forever")
    func recursionLimit() async {
        let tmp = TempDir()
        let dir = tmp.plugins(["loop.r2s": "# r2s-plugin: calls itself\n"])
        let runner = FakeRunner { context in
            await Dispatcher(registry: context.registry).execute(["loop"], in: context)
        }
        let shell = PluginShell(pluginPath: [dir], runner: runner)
        let result = await shell.run("loop")
        // The same class and status as `source` nesting too deep (issue 12.14).
        #expect(result.status == .usage)
        #expect(result.err.contains("scripts nested more than \(ScriptPlugin.maxDepth) deep"))
        #expect(runner.calls.count == ScriptPlugin.maxDepth)
    }

    @Test("a script plugin deleted after discovery fails with a hint to reload; no runner is an error too")
    func failures() async {
        let tmp = TempDir()
        let dir = tmp.dir("p")
        let path = tmp.file("p/gone.r2s", "# r2s-plugin: g\n")
        let shell = PluginShell(pluginPath: [dir], runner: FakeRunner())
        try? FileManager.default.removeItem(atPath: path)
        let gone = await shell.run("gone")
        #expect(gone.status == .failure)
        #expect(gone.err.contains("cannot read plugin 'gone'"))
        #expect(gone.err.contains("plugin reload"))

        tmp.file("p/orphan.r2s", "# r2s-plugin: o\n")
        let bare = PluginShell(pluginPath: [dir], runner: nil)
        let result = await bare.run("orphan")
        #expect(result.status == .failure)
        #expect(result.err.contains("no interpreter attached"))
    }
}
