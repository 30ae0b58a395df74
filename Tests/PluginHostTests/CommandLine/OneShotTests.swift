import Foundation
import Testing

/// `r2s ls fichas`: a first word that names a command runs that one command, like
/// `r2s -c 'ls fichas'`; a script file still wins when it ends in `.r2s` and exists, or is given
/// with a `/` (README "One command"). Run with the built executable on a seeded local profile.
@Suite(.serialized, .enabled(if: R2SBinary.path != nil, "the r2s executable is built with the tests"))
struct OneShotTests {
    static func sandbox() throws -> DocSandbox {
        try DocSandbox(r2s: try #require(R2SBinary.path))
    }

    @Test("`r2s ls fichas` lists like `r2s -c 'ls fichas'`; global flags may come before the command")
    func listsLikeDashC() throws {
        let box = try Self.sandbox()
        let one = try box.run(["ls", "fichas"], in: box.work)
        let dashC = try box.run(["-c", "ls fichas"], in: box.work)
        #expect(one.status == 0, "stderr: \(one.err)")
        #expect(one.out.contains("relatorio.pdf"))
        #expect(one.out == dashC.out)
        let json = try box.run(["-q", "--json", "ls", "fichas"], in: box.work)
        #expect(json.status == 0, "stderr: \(json.err)")
        #expect((try? JSONSerialization.jsonObject(with: Data(json.out.utf8))) is [Any], "\(json.out)")
        let after = try box.run(["ls", "fichas", "--json"], in: box.work)
        #expect(after.out == json.out)
    }

    @Test("`r2s upload x.pdf --to novos` and `r2s sync --dry-run` run; words with quotes and $ stay literal")
    func writesAndDryRuns() throws {
        let box = try Self.sandbox()
        let up = try box.run(["upload", "x.pdf", "--to", "novos"], in: box.work)
        #expect(up.status == 0, "stderr: \(up.err)")
        #expect(try box.run(["-c", "show novos/x.pdf"], in: box.work).status == 0)
        let dry = try box.run(["sync", "--dry-run"], in: box.work)
        #expect(dry.status == 0, "stderr: \(dry.err)")
        box.root.file("work/it's $HOME; a.pdf", "odd\n")
        let odd = try box.run(["upload", "it's $HOME; a.pdf", "--to", "odd"], in: box.work)
        #expect(odd.status == 0, "stderr: \(odd.err)")
        #expect(try box.run(["ls", "odd"], in: box.work).out.contains("it's $HOME; a.pdf"))
    }

    @Test("a one-shot's status is the command's; a failure is one error, no script 'stopped' line")
    func status() throws {
        let box = try Self.sandbox()
        let missing = try box.run(["show", "fichas/nope.pdf"], in: box.work)
        #expect(missing.status == 1)
        #expect(!missing.err.contains("stopped"), "\(missing.err)")
        let usage = try box.run(["ls", "--bogus"], in: box.work)
        #expect(usage.status == 2)
    }

    @Test("a file wins when it ends in .r2s and exists or is given with a /; else the command runs")
    func fileOrCommand() throws {
        let box = try Self.sandbox()
        box.root.file("work/ls", "echo from-file-ls\n")
        box.root.file("work/job.r2s", "echo from-job $1\n")
        box.root.file("work/myjob", "echo from-myjob\n")
        let command = try box.run(["ls", "fichas"], in: box.work)
        #expect(command.out.contains("relatorio.pdf") && !command.out.contains("from-file"))
        #expect(try box.run(["./ls"], in: box.work).out == "from-file-ls\n")
        #expect(try box.run(["job.r2s", "a"], in: box.work).out == "from-job a\n")
        #expect(try box.run(["myjob"], in: box.work).out == "from-myjob\n")  // an existing file, no such command
        let absent = try box.run(["absent.r2s"], in: box.work)
        #expect(absent.status == 2 && absent.err.contains("cannot read 'absent.r2s'"), "\(absent.err)")
    }

    @Test("a first word that is neither a command nor a file: a 'did you mean' usage error (2)")
    func didYouMean() throws {
        let box = try Self.sandbox()
        let r = try box.run(["lss", "fichas"], in: box.work)
        #expect(r.status == 2)
        #expect(r.err.contains("unknown command 'lss'"), "\(r.err)")
        #expect(r.err.contains("did you mean: ls"), "\(r.err)")
        #expect(r.out.isEmpty)
    }
}
