import Foundation
import Testing

/// Docs that cannot lie: every ```sh / ```r2s block of README.md and docs/*.md and every
/// `EXAMPLES:` line of every command's `--help` runs with the built r2s on the `local` profile in
/// a seeded temp folder (DocSandbox), and must end with its expected status (0 unless the block
/// says `status=N`, or `helpStatus` below says so for a help line).
///
/// New examples are picked up by themselves; one that needs a file or an object the sandbox lacks
/// gets it in `DocSandbox.workFiles` / `DocSandbox.seedScript`. An example that can only run
/// elsewhere (wrangler, systemd, apt, a real Cloudflare account) is fenced ```` ```sh elsewhere ````
/// and then counted in `leftOut`.
@Suite(.serialized, .enabled(if: R2SBinary.path != nil, "the r2s executable is built with the tests"))
struct DocExamplesTests {
    /// How many blocks are fenced `elsewhere` in README.md and docs/*.md. Changing the docs
    /// changes this number on purpose: a block must not silently leave the test.
    static let leftOut = 10

    /// Help example lines whose outcome on the local profile is not 0 (line → status), and why.
    static let helpStatus: [String: Int32] = [
        // The rows' urls are under the local profile's base, not the example's domain: not found.
        "show 'https://files.example.com/fichas/foto%201.jpg'": 1,
        // The local profile has no URLs to presign: a usage error that names the fix.
        "url fichas/relatorio.pdf --presign --expires 15m": 2,
        "url fichas/novo.pdf --presign --method PUT --expires 1h": 2,
        // The rows are not under that base: catalog check's warning status.
        "catalog check --public-url https://cdn.example.com": 6,
        // The local profile creates its table when it opens it: `catalog init` (for an empty
        // Postgres database) finds it and refuses, changing nothing.
        "catalog init": 4,
        "catalog init --with-usuarios": 4,
        "catalog init                              # create the table in an empty database": 4,
        "catalog init --with-usuarios              # also uuid-ossp and a minimal usuarios (dev databases)": 4,
        // `profile add` asks on a terminal; the test has none: a usage error that says so.
        "profile add dev": 2,
        "profile add dev               # create a profile, asking for its settings": 2,
        // The sandbox already holds the example's objects and active rows: the dry runs say what
        // would fail (4) or that there is nothing to restore (1).
        "upload -r fotos --to media --dry-run": 4,
        "restore fichas/a.pdf --from 2026-05-01T12:00:00Z --dry-run": 1,
        "mv fichas/2024/ arquivo/2024/ --dry-run": 1,
        // No shared run is in progress in the sandbox: --join says so (docs/exit-codes.md).
        "sync --join                         # from another shell: help the run in progress": 1,
    ]

    /// Help example lines that never end by design (a scheduler): not run, and counted.
    static let helpNotRun: Set<String> = ["sync --every 15m --report last-sync.json"]

    /// Shell lines run in the example's sandbox copy first, so it finds what it changes (first
    /// matching prefix wins).
    static let preludes: [(prefix: String, shell: String)] = [
        ("upload relatorio.pdf --to fichas", "r2s -q -c 'rm --yes fichas/relatorio.pdf'"),
        ("restore 'fichas/foto 1.jpg'", "r2s -q -c \"rm 'fichas/foto 1.jpg' --keep-object\""),
        ("restore \(DocSandbox.exampleID)", "r2s -q -c 'rm \(DocSandbox.exampleID) --keep-object'"),
        ("sync-item restore \(DocSandbox.exampleID)", "r2s -q -c 'rm \(DocSandbox.exampleID) --keep-object'"),
        ("filter add pdfs ", "r2s -q -c 'filter rm pdfs'"),
        ("filter add imagens ", "r2s -q -c 'filter rm imagens'"),
        // `catalog init` is for an empty database; `--upgrade` for an existing table.
        ("catalog init --upgrade", "true"),
        ("catalog init", "rm -f \"$XDG_DATA_HOME\"/r2s/local/catalog.sqlite*"),
    ]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// README.md and docs/*.md, in a stable order.
    static func markdownFiles() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: repository + "/docs")
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return ["README.md"] + docs
    }

    static func collectMarkdown() throws -> MarkdownExamples {
        var all = MarkdownExamples()
        for name in try markdownFiles() {
            let text = try String(contentsOfFile: repository + "/" + name, encoding: .utf8)
            let found = MarkdownExamples.collect(text, origin: name)
            all.examples += found.examples
            all.leftOut += found.leftOut
        }
        return all
    }

    @Test("every sh/r2s block of README.md and docs/*.md runs on the local profile with its documented status")
    func markdownBlocks() throws {
        let r2s = try #require(R2SBinary.path)
        let collected = try Self.collectMarkdown()
        #expect(collected.leftOut == Self.leftOut, "blocks fenced `elsewhere`")
        #expect(collected.examples.count >= 10, "the collector found \(collected.examples.count) blocks")
        let sandbox = try DocSandbox(r2s: r2s)
        for example in collected.examples {
            let result = try sandbox.copy().run(example)
            #expect(
                result.status == example.expectedStatus,
                "\(example)\n→ status \(result.status)\nstdout: \(result.out.prefix(600))\nstderr: \(result.err.prefix(600))")
        }
    }

    @Test("every EXAMPLES: line of every command's --help runs on the local profile")
    func helpExamples() throws {
        let r2s = try #require(R2SBinary.path)
        let sandbox = try DocSandbox(r2s: r2s)
        let all = try Self.collectHelp(sandbox)
        let examples = all.filter { !Self.helpNotRun.contains($0.text) }
        #expect(all.count - examples.count == Self.helpNotRun.count, "help examples left out")
        #expect(examples.count >= 60, "the collector found \(examples.count) help examples")
        for example in examples {
            let box = try sandbox.copy()
            if let prelude = Self.preludes.first(where: { example.text.hasPrefix($0.prefix) }) {
                try box.prepare(prelude.shell)
            }
            let result = try box.run(example)
            #expect(
                result.status == example.expectedStatus,
                "\(example)\n→ status \(result.status)\nstdout: \(result.out.prefix(600))\nstderr: \(result.err.prefix(600))")
        }
    }

    @Test("the collector reads fences, attributes and help sections")
    func collector() {
        let md = """
            text
            ```sh
            r2s -c 'ls'
            ```
              ```r2s status=6 arg=fichas/
              check $1
              ```
            ```sh elsewhere
            wrangler r2 bucket create media
            ```
            ```
            not collected
            ```
            """
        let found = MarkdownExamples.collect(md, origin: "x.md")
        #expect(found.leftOut == 1)
        #expect(found.examples.map(\.text) == ["r2s -c 'ls'\n", "check $1\n"])
        #expect(found.examples.map(\.origin) == ["x.md:2", "x.md:5"])
        #expect(found.examples[1].expectedStatus == 6 && found.examples[1].arguments == ["fichas/"])
        let help = "OVERVIEW: x\n\n  EXAMPLES:\n    ls fichas\n    ls --json\n\nUSAGE: ls\n\nSUBCOMMANDS:\n  count   Count.\n  show    Show.\n"
        #expect(HelpExamples.examples(in: help) == ["ls fichas", "ls --json"])
        #expect(HelpExamples.subcommands(in: help) == ["count", "show"])
        let aliased = "SUBCOMMANDS:\n  ls, list   List.\n  rm, remove Remove.\n"
        #expect(HelpExamples.subcommands(in: aliased) == ["ls", "rm"])
    }

    /// Every command the executable lists (`help --json`), its subcommands, and their examples,
    /// without duplicates (a group's help repeats some of its subcommands' lines).
    static func collectHelp(_ sandbox: DocSandbox) throws -> [DocExample] {
        let list = try sandbox.run(["-c", "help --json"], in: sandbox.work)
        let rows = (try JSONSerialization.jsonObject(with: Data(list.out.utf8))) as? [[String: Any]] ?? []
        var pending = rows.compactMap { $0["command"] as? String }.map { [$0] }
        var seen = Set<String>()
        var seenCommands = Set(pending)
        var out: [DocExample] = []
        while !pending.isEmpty {
            let command = pending.removeFirst()
            let help = try sandbox.run(["-c", (command + ["--help"]).joined(separator: " ")], in: sandbox.work)
            for line in HelpExamples.examples(in: help.out) where seen.insert(line).inserted {
                out.append(
                    DocExample(
                        kind: .helpLine, origin: "help \(command.joined(separator: " "))", text: line,
                        expectedStatus: helpStatus[line] ?? 0))
            }
            // Never deeper than a group's subcommands' subcommands: a name the parser does not take
            // prints the parent's help again, which must not loop.
            guard command.count < 3 else { continue }
            pending += HelpExamples.subcommands(in: help.out).map { command + [$0] }.filter { seenCommands.insert($0).inserted }
        }
        return out
    }
}
