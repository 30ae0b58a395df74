import R2SCore
import Testing

private func parse(_ args: [String]) -> Result<Invocation, Invocation.UsageError> {
    Result { () throws(Invocation.UsageError) in try Invocation.parse(args) }
}

@Suite struct LanguageInvocationTests {
    @Test("no arguments: interactive shell or stdin script")
    func empty() throws {
        let i = try parse([]).get()
        #expect(i.action == .run)
        #expect(i.script == .standardInput)
        #expect(i.arguments.isEmpty)
    }

    @Test("-c, -f and a bare file take the rest as script arguments, flags included")
    func scripts() throws {
        let c = try parse(["-c", "echo $1", "--json", "x"]).get()
        #expect(c.script == .text("echo $1"))
        #expect(c.arguments == ["--json", "x"])
        #expect(c.format == nil)
        let f = try parse(["-q", "-f", "job.r2s", "-q"]).get()
        #expect(f.script == .file("job.r2s"))
        #expect(f.arguments == ["-q"])
        #expect(f.quiet)
        let bare = try parse(["--profile", "prod", "job.r2s", "a"]).get()
        // A bare word may be a command or a file: the executable decides (OneShotTests).
        #expect(bare.script == .word("job.r2s"))
        #expect(bare.profile == "prod")
        #expect(bare.arguments == ["a"])
        #expect(try parse(["--", "-odd-name.r2s", "z"]).get().script == .file("-odd-name.r2s"))
        #expect(try parse(["-"]).get().script == .file("-"))
    }

    @Test("global options before the script")
    func options() throws {
        let i = try parse(["--json", "--csv", "--profile=staging", "--quiet"]).get()
        #expect(i.format == .csv)
        #expect(i.profile == "staging")
        #expect(i.quiet)
        #expect(try parse(["--version"]).get().action == .version)
        #expect(try parse(["-h"]).get().action == .help)
    }

    @Test("unknown options and missing values are usage errors (status 2)")
    func errors() {
        for args in [["--bogus"], ["-x", "file"], ["-c"], ["-f"], ["--profile"], ["--profile="]] {
            switch parse(args) {
            case .success: Issue.record("\(args) should fail")
            case .failure(let error): #expect(error.exitStatus == .usage)
            }
        }
        if case .failure(let error) = parse(["--bogus"]) {
            #expect(error.localizedMessage(.en) == "unknown option '--bogus'")
            #expect(error.localizedMessage(.ptBR) == "opção desconhecida '--bogus'")
        }
    }
}
