import Foundation
import R2STestSupport
import Testing

/// docs/exit-codes.md, one row per documented cause: the built r2s on a seeded local profile
/// (and the PostgREST test double for its failures) must exit with the documented status.
@Suite(.serialized, .enabled(if: R2SBinary.path != nil, "the r2s executable is built with the tests"))
struct ExitStatusTableTests {
    struct Case: CustomStringConvertible, Sendable {
        var cause: String
        var arguments: [String]
        var status: Int32
        var environment: [String: String] = [:]
        /// Prepares the sandbox copy (paths relative to its root).
        var setup: @Sendable (DocSandbox) throws -> Void = { _ in }
        var description: String { "\(status): \(cause)" }
    }

    static let bucket = "home/data/r2s/local/bucket"

    static let cases: [Case] = [
        Case(cause: "everything succeeded", arguments: ["-c", "ls fichas"], status: 0),
        Case(cause: "object not found", arguments: ["-c", "show fichas/nope.pdf"], status: 1),
        Case(cause: "`false`", arguments: ["-c", "false"], status: 1),
        Case(cause: "source of a missing file", arguments: ["-c", "source nope.r2s"], status: 1),
        Case(cause: "unknown command", arguments: ["-c", "lss"], status: 2),
        Case(cause: "unknown option", arguments: ["-c", "ls --bogus"], status: 2),
        Case(cause: "missing required argument", arguments: ["-c", "show"], status: 2),
        Case(cause: "unterminated quote", arguments: ["-c", "echo 'open"], status: 2),
        Case(cause: "bad shell word use", arguments: ["-c", "on-error maybe"], status: 2),
        Case(cause: "unknown r2s option", arguments: ["--bogus"], status: 2),
        Case(cause: "unreadable script file", arguments: ["nope.r2s"], status: 2),
        Case(cause: "unknown --filter", arguments: ["-c", "ls --filter nosuch"], status: 2),
        Case(cause: "unknown --filter on check", arguments: ["-c", "check --filter nosuch"], status: 2),
        Case(cause: "--report in a folder that does not exist", arguments: ["-c", "check fichas/ --report missing/dir/r.json"], status: 2),
        Case(cause: "--plan in a folder that does not exist", arguments: ["-c", "sync fichas/ --plan missing/dir/fix.r2s"], status: 2),
        Case(cause: "--profile that cannot be loaded", arguments: ["--profile", "nosuch", "-c", "ls"], status: 3),
        Case(cause: "invalid setting", arguments: ["-c", "set R2S_CATALOG mysql; ls"], status: 3),
        Case(cause: "R2S_ACTOR not a uuid", arguments: ["-c", "upload capa.png --to novos"], status: 3,
             environment: ["R2S_ACTOR": "not-a-uuid"]),
        Case(cause: "key exists (safety guard)", arguments: ["-c", "upload relatorio.pdf --to fichas"], status: 4),
        Case(cause: "some items of a batch failed", arguments: ["-c", "upload relatorio.pdf capa.png --to fichas"], status: 5),
        Case(
            cause: "check found drift", arguments: ["-c", "check fichas/ --min-age 0"], status: 6,
            setup: { try FileManager.default.removeItem(atPath: $0.root.path + "/" + bucket + "/fichas/relatorio.pdf") }),
        Case(
            cause: "check found only young drift", arguments: ["-c", "check fichas/"], status: 7,
            setup: { box in
                try FileManager.default.removeItem(atPath: box.root.path + "/" + bucket + "/fichas/relatorio.pdf")
                // Young because the app touched the row just now: the sandbox is seeded once, and on
                // a loaded machine the cases before this one can take longer than check's 10 minutes.
                try DocSandbox.shell("/usr/bin/sqlite3", [
                    box.home + "/data/r2s/local/catalog.sqlite",
                    "UPDATE storage SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE url LIKE '%/fichas/relatorio.pdf'",
                ])
            }),
        Case(
            cause: "Ctrl-C (the plugin signals r2s)", arguments: ["-c", "hitparent"], status: 130,
            setup: { box in
                box.root.file(
                    "plugins/r2s-hitparent",
                    "#!/bin/sh\ntrap 'exit 7' INT\nkill -INT $PPID\ni=0; while [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done\nexit 0\n",
                    executable: true)
            }),
    ]

    @Test("every documented status", arguments: cases)
    func status(_ c: Case) throws {
        let box = try Self.seeded.get().copy()
        try c.setup(box)
        var env = box.environment.merging(c.environment) { _, new in new }
        env["R2S_PLUGIN_PATH"] = box.root.path + "/plugins"
        let r = try R2SBinary.run(c.arguments, environment: env, currentDirectory: box.work)
        #expect(r.status == c.status, "\(c)\nstdout: \(r.out.prefix(500))\nstderr: \(r.err.prefix(800))")
        #expect(!r.err.contains("not-a-uuid"), "a setting's value is never printed: \(r.err)")
    }

    @Test("PostgREST: a catalog that cannot be read is 3, like Postgres (missing table, server unreachable)")
    func postgrestReads() throws {
        guard let s3 = TestServers.s3(), let rest = TestServers.postgrest() else { return }
        let home = TempDir("rest")
        let base = [
            "R2_ENDPOINT": s3.endpoint, "R2_ACCESS_KEY_ID": s3.accessKey, "R2_SECRET_ACCESS_KEY": s3.secretKey,
            "R2_BUCKET": "r2s-no-bucket", "R2_PUBLIC_URL": "https://files.example.test", "R2S_CATALOG": "postgrest",
            "SUPABASE_KEY": rest.key,
        ]
        for (url, table) in [(rest.url, "r2s_no_such_table"), ("http://127.0.0.1:1", "storage")] {
            let env = R2SBinary.environment(home: home.path, extra: base.merging(["SUPABASE_URL": url, "R2S_TABLE": table]) { $1 })
            for command in ["records count", "check"] {
                let r = try R2SBinary.run(["-c", command], environment: env)
                #expect(r.status == 3, "\(command) on \(url) \(table): \(r.err)")
                #expect(!r.err.contains(rest.key))
            }
        }
    }

    @Test("the table covers every status docs/exit-codes.md lists")
    func coversTheDocs() throws {
        let text = try String(contentsOfFile: DocExamplesTests.repository + "/docs/exit-codes.md", encoding: .utf8)
        let documented = Set(
            text.components(separatedBy: "\n").filter { $0.hasPrefix("| ") }
                .compactMap { Int32($0.dropFirst(2).prefix { $0 != " " && $0 != "|" }) })
        #expect(documented.count >= 9)
        #expect(documented == Set(Self.cases.map(\.status)))
    }

    /// One seeded sandbox; each case works on a copy.
    static let seeded = Result { try DocSandbox(r2s: R2SBinary.path ?? "/nonexistent/r2s") }
}
