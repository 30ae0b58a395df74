import ArgumentParser
import Foundation
import R2SCore
import Testing
import UtilModule

// A small module exercising every completion source.
private struct CompletionTestModule: CommandModule {
    let name = "test"
    let summary = "completion fixtures"
    var commands: [any ParsableCommand.Type] { [FilterGroup.self, RunFile.self] }
}

private struct FilterGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter", abstract: "Filters.",
        discussion: "EXAMPLES:\n  -x this example line must not become a flag",
        subcommands: [FilterAdd.self, FilterRemove.self])
}

private struct FilterAdd: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a filter.")
    @Option(help: "Key prefix.") var prefix: String?
    @Option(name: .shortAndLong, help: "Content type.") var type: String?
    @Flag(help: "Overwrite.") var force = false
    @Argument(help: "Name.") var name: String

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        switch request.option {
        case "--type", "-t": ["image/png", "image/jpeg", "text/plain"]
        case nil: request.previousWords.contains("--force") ? ["forced"] : ["alpha", "beta"]
        default: []
        }
    }
    func run(in context: ShellContext) async throws -> R2SCore.ExitStatus { .ok }
}

private struct FilterRemove: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove.", aliases: ["remove"])
    func run(in context: ShellContext) async throws -> R2SCore.ExitStatus { .ok }
}

private struct RunFile: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a file.")
    @Option(name: .shortAndLong, help: "The file.") var file: String
    @Option(help: "A count.") var count: Int = 1
    func run(in context: ShellContext) async throws -> R2SCore.ExitStatus { .ok }
}

private struct PluginCommand: RuntimeCommand {
    let name = "plug"
    let group = "plugins"
    let abstract = "A plugin."
    func help(in context: ShellContext) async -> String { "plug" }
    func run(arguments: [String], in context: ShellContext) async throws -> R2SCore.ExitStatus { .ok }
    func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] { ["one", "two"] }
}

@Suite final class CompleterTests {
    let registry: CommandRegistry
    let context: ShellContext
    let directory: String
    let variables = ["HOME", "HOSTNAME", "R2_BUCKET", "R2_REGION"]

    init() throws {
        registry = CommandRegistry(
            modules: [CoreModule(), UtilModule(), CompletionTestModule()],
            reservedWords: ["set": "set a variable", "source": "run a file", "if": "conditional", "echo": "print"])
        registry.setRuntimeCommands([PluginCommand()])
        let session = Session(
            profile: Profile(name: Profile.localName), environment: ["HOME": "/nonexistent-home"],
            paths: Paths(config: "/nonexistent/c", state: "/nonexistent/s", data: "/nonexistent/d"), language: .en)
        context = ShellContext(console: BufferConsole(), session: session, registry: registry)
        directory = NSTemporaryDirectory() + "r2s-completer-\(UUID().uuidString)"
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory + "/mydir", withIntermediateDirectories: true)
        for file in ["my file.r2s", "mystuff.r2s", ".hidden", "mydir/inner.r2s"] {
            _ = fm.createFile(atPath: directory + "/" + file, contents: Data())
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func complete(_ text: String) async -> CompletionResult {
        await Completer(registry: registry, workingDirectory: directory).complete(text, in: context, variables: variables)
    }

    @Test("command names: compiled, run-time and reserved words")
    func commandNames() async {
        let r = await complete("sl")
        #expect(r == CompletionResult(replacing: "sl", candidates: ["sleep"], appendSpace: true))
        let all = await complete("")
        for name in ["help", "sleep", "filter", "plug", "set", "source", "profile", "version"] {
            #expect(all.candidates.contains(name), "\(name)")
        }
        #expect(await complete("s").candidates == ["set", "sleep", "source"])
        #expect(await complete("zzz").candidates.isEmpty)
    }

    @Test("after `;` and `if` a new command starts; nothing completes in a comment")
    func separators() async {
        #expect(await complete("true; sle").candidates == ["sleep"])
        #expect(await complete("if fals").candidates == ["false"])
        #expect(await complete("# sl").candidates.isEmpty)
        #expect(await complete("true # sl").candidates.isEmpty)
    }

    @Test("subcommands of group commands, including aliases")
    func subcommands() async {
        #expect(await complete("filter ").candidates == ["add", "remove", "rm"])
        #expect(await complete("filter a").candidates == ["add"])
        #expect(await complete("profile ").candidates == ["add", "list", "ls", "remove", "rm", "show", "use"])
    }

    @Test("flags come from the command's help plus the global flags; discussion text is ignored")
    func flags() async {
        let long = await complete("filter add --")
        #expect(long.candidates == ["--csv", "--force", "--help", "--json", "--prefix", "--quiet", "--type"])
        let short = await complete("filter add -")
        #expect(short.candidates.contains("-t") && short.candidates.contains("-h") && short.candidates.contains("-q"))
        #expect(!short.candidates.contains("-x"))
        #expect(await complete("sleep --he").candidates == ["--help"])
        #expect(await complete("filter add --ty") == CompletionResult(replacing: "--ty", candidates: ["--type"]))
    }

    @Test("option values and positional arguments come from the command")
    func values() async {
        #expect(await complete("filter add --type image/").candidates == ["image/jpeg", "image/png"])
        #expect(await complete("filter add -t t").candidates == ["text/plain"])
        #expect(await complete("filter add --type=image/j").candidates == ["--type=image/jpeg"])
        #expect(await complete("filter add --type image/png ").candidates == ["alpha", "beta"])
        #expect(await complete("filter add --force ").candidates == ["forced"])
        #expect(await complete("filter add b").candidates == ["beta"])
        // An option that takes a number offers nothing (and certainly not the flags).
        #expect(await complete("run --count ").candidates.isEmpty)
    }

    @Test("run-time commands complete through their provider and get the global flags")
    func runtime() async {
        #expect(await complete("plug ").candidates == ["one", "two"])
        #expect(await complete("plug t").candidates == ["two"])
        #expect(await complete("plug --j").candidates == ["--json"])
    }

    @Test("help completes command names, then subcommands")
    func help() async {
        #expect(await complete("help fil").candidates == ["filter"])
        #expect(await complete("help filter ").candidates == ["add", "rm"])
        #expect(await complete("help filter add ").candidates.isEmpty)
    }

    @Test("$VARIABLE names, braced and inside an open double quote")
    func variableNames() async {
        #expect(await complete("echo $HO").candidates == ["$HOME", "$HOSTNAME"])
        #expect(await complete("echo ${R2_B") == CompletionResult(replacing: "${R2_B", candidates: ["${R2_BUCKET}"]))
        let quoted = await complete("echo \"$R2_B")
        #expect(quoted == CompletionResult(replacing: "\"$R2_B", candidates: ["\"$R2_BUCKET"], appendSpace: false))
        #expect(await complete("set R2").candidates == ["R2_BUCKET", "R2_REGION"])
    }

    @Test("file paths after `source` and file options, quoted or escaped as typed")
    func paths() async {
        #expect(await complete("source my").candidates == ["my\\ file.r2s", "mydir/", "mystuff.r2s"])
        let dir = await complete("source myd")
        #expect(dir == CompletionResult(replacing: "myd", candidates: ["mydir/"], appendSpace: false))
        #expect(await complete("source mydir/").candidates == ["mydir/inner.r2s"])
        #expect(await complete("source \"my f") == CompletionResult(replacing: "\"my f", candidates: ["\"my file.r2s\""]))
        #expect(await complete("source 'my f").candidates == ["'my file.r2s'"])
        #expect(await complete("source my\\ f").candidates == ["my\\ file.r2s"])
        #expect(await complete("source .h").candidates == [".hidden"])
        #expect(!(await complete("source ").candidates.contains(".hidden")))
        #expect(await complete("run -f mys").candidates == ["mystuff.r2s"])
        #expect(await complete("run --file=mys").candidates == ["--file=mystuff.r2s"])
        #expect(await complete("source nothing-here").candidates.isEmpty)
    }

    @Test("unknown commands offer nothing")
    func unknown() async {
        #expect(await complete("frobnicate ").candidates.isEmpty)
        #expect(await complete("frobnicate --").candidates.isEmpty)
    }
}

@Suite struct CompletionTokenizerTests {
    @Test("words keep their raw text and unquoted value")
    func words() {
        let line = CompletionTokenizer.tokenize("cp 'a b' \"c\\\"d\" e\\ f g")
        #expect(line.words.map(\.value) == ["cp", "a b", "c\"d", "e f"])
        #expect(line.words.map(\.raw) == ["cp", "'a b'", "\"c\\\"d\"", "e\\ f"])
        #expect(line.current == CompletionTokenizer.Word(raw: "g", value: "g"))
    }

    @Test("an open quote stays open in the current word")
    func openQuote() {
        let line = CompletionTokenizer.tokenize("source \"my fi")
        #expect(line.current == CompletionTokenizer.Word(raw: "\"my fi", value: "my fi", openQuote: "\""))
        #expect(CompletionTokenizer.tokenize("echo ").current.raw.isEmpty)
    }

    @Test("commands splits at `;` and newlines and drops comments")
    func commands() {
        let cmds = CompletionTokenizer.commands("a 1; b 2 # c 3\nd 'x;y'")
        #expect(cmds.map { $0.map(\.value) } == [["a", "1"], ["b", "2"], ["d", "x;y"]])
    }

    @Test("render escapes the rest of a candidate for the quoting in effect")
    func render() {
        let plain = CompletionTokenizer.Word(raw: "my", value: "my")
        #expect(CompletionTokenizer.render("my file$1;x", continuing: plain, terminal: true) == "my\\ file\\$1\\;x")
        let dq = CompletionTokenizer.Word(raw: "\"my", value: "my", openQuote: "\"")
        #expect(CompletionTokenizer.render("my \"q\" $x", continuing: dq, terminal: true) == "\"my \\\"q\\\" \\$x\"")
        let sq = CompletionTokenizer.Word(raw: "'it", value: "it", openQuote: "'")
        #expect(CompletionTokenizer.render("it's", continuing: sq, terminal: false) == "'it'\\''s")
        #expect(CompletionTokenizer.render("other", continuing: plain, terminal: true) == nil)
    }
}

@Suite struct OptionCatalogTests {
    @Test("options are read from the generated sections only")
    func parse() {
        let help = """
            OVERVIEW: Demo.

            EXAMPLES:
              --fake   not an option

            USAGE: demo [--all] [--format <format>] <path>

            ARGUMENTS:
              <path>                  -- the path

            OPTIONS:
              -a, --all               Everything.
              --format <format>       Output format.
              --color/--no-color      Colour.
              --tag <tag> ...         Tags.
              -h, --help              Show help information.

            """
        let options = OptionCatalog.parse(helpText: help)
        #expect(options == [
            .init(names: ["-a", "--all"], takesValue: false),
            .init(names: ["--format"], takesValue: true, valueName: "format"),
            .init(names: ["--color", "--no-color"], takesValue: false),
            .init(names: ["--tag"], takesValue: true, valueName: "tag"),
            .init(names: ["-h", "--help"], takesValue: false),
        ])
    }
}
