import Foundation
import R2SCore
import R2STestSupport
import Testing

/// Runs the built `r2s` executable (next to the test bundle, or `R2S_BINARY`) to check what the
/// process itself does: argument handling, stdin, shebang and exit statuses.
enum R2SBinary {
    static var path: String? {
        if let explicit = ProcessInfo.processInfo.environment["R2S_BINARY"] { return explicit }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("r2s").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/r2s").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Result {
        var out: String
        var err: String
        var status: Int32
        var signaled: Bool
    }

    /// Runs `executable` (default: r2s) with `arguments`, feeding `input` on stdin.
    static func run(
        _ arguments: [String], input: String? = nil, executable: String? = nil, interruptAfter: Double? = nil,
        environment extra: [String: String] = [:]
    ) throws -> Result {
        let binary = try #require(path, "r2s binary not found; run `swift build` first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C"
        env["LC_ALL"] = nil
        env["LC_MESSAGES"] = nil
        env["PATH"] = URL(fileURLWithPath: binary).deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        if let interruptAfter {
            Thread.sleep(forTimeInterval: interruptAfter)
            process.interrupt()
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            out: String(decoding: out, as: UTF8.self), err: String(decoding: err, as: UTF8.self),
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal)
    }
}

private func scriptFile(_ text: String, executable: Bool = false) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-proc-\(UUID().uuidString).r2s").path
    try CloexecFile.write(text, to: path, mode: executable ? 0o755 : 0o644)
    return path
}

@Suite struct LanguageProcessTests {
    @Test("-c runs the text with the remaining words as $1…")
    func commandText() throws {
        let r = try R2SBinary.run(["-c", "echo $# $1 \"$2\"; true", "a", "b c"])
        #expect(r.out == "2 a b c\n")
        #expect(r.err == "")
        #expect(r.status == 0)
    }

    @Test("-c stops at a failing command and exits with its status")
    func commandStops() throws {
        let r = try R2SBinary.run(["-c", "echo a; false; echo b"])
        #expect(r.out == "a\n")
        #expect(r.err == "-c:1:9: stopped: 'false' failed with exit status 1\n")
        #expect(r.status == 1)
    }

    @Test("-f FILE and FILE both run a script with arguments; exit N is the process status")
    func files() throws {
        let path = try scriptFile("echo hello $1 $#\nexit 5\n")
        let f = try R2SBinary.run(["-f", path, "x", "--json"])
        #expect(f.out == "hello x 2\n")
        #expect(f.status == 5)
        let bare = try R2SBinary.run([path, "y"])
        #expect(bare.out == "hello y 1\n")
        #expect(bare.status == 5)
    }

    @Test("a script on stdin runs like a file (no prompt)")
    func standardInput() throws {
        let r = try R2SBinary.run([], input: "echo piped $#\nset X 1\nsleep nope\necho unreachable\n")
        #expect(r.out == "piped 0\n")
        #expect(r.err.hasSuffix("<stdin>:3:1: stopped: 'sleep nope' failed with exit status 2\n"))
        #expect(r.status == 2)
        #expect(try R2SBinary.run(["-"], input: "echo dash").out == "dash\n")
    }

    @Test("a #!/usr/bin/env r2s script runs directly")
    func shebang() throws {
        let path = try scriptFile("#!/usr/bin/env r2s\necho shebang $1\nexit 6\n", executable: true)
        let r = try R2SBinary.run(["arg"], executable: path)
        #expect(r.out == "shebang arg\n")
        #expect(r.status == 6)
    }

    @Test("syntax errors exit 2 before anything runs")
    func syntaxError() throws {
        let path = try scriptFile("echo first\nif true\n  echo 'open\nend\n")
        let r = try R2SBinary.run(["-f", path])
        #expect(r.out == "")
        #expect(r.err == "\(path):3:8: unterminated single quote\n")
        #expect(r.status == 2)
    }

    @Test("--version, --help, and usage errors")
    func flags() throws {
        let version = try R2SBinary.run(["--version"])
        // The commit part is checked in CompletionScriptTests.versionNamesTheCommit.
        #expect(version.out.hasPrefix("r2s \(R2SVersion.current) (commit "))
        #expect(version.status == 0)
        let help = try R2SBinary.run(["--help"])
        #expect(help.status == 0)
        for word in ["-c", "-f FILE.r2s", "--profile NAME", "--json", "--csv", "-q", "--version", "#!/usr/bin/env r2s"] {
            #expect(help.out.contains(word), "usage lacks \(word)")
        }
        let bad = try R2SBinary.run(["--bogus"])
        #expect(bad.status == 2)
        #expect(bad.err == "error: unknown option '--bogus'\nhint: run `r2s --help` for the usage\n")
        #expect(try R2SBinary.run(["-c"]).status == 2)
        #expect(try R2SBinary.run(["--profile"]).status == 2)
        let missing = try R2SBinary.run(["/nonexistent/job.r2s"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("cannot read '/nonexistent/job.r2s': No such file or directory"))
    }

    @Test("--json, --csv and -q apply to every command")
    func globalFormat() throws {
        let json = try R2SBinary.run(["--json", "-c", "version"])
        #expect(json.out == "{\"version\":\"\(R2SVersion.current)\"}\n")
        let csv = try R2SBinary.run(["-q", "--csv", "-c", "help"])
        #expect(csv.out.hasPrefix("command,group,abstract\n"))
        #expect(csv.out.contains("\nif,shell,"))
    }

    @Test("Ctrl-C aborts the running command and the script exits 130")
    func interrupt() throws {
        let r = try R2SBinary.run(["-c", "sleep 20; echo after"], interruptAfter: 1.0)
        #expect(!r.signaled)
        #expect(r.status == 130)
        #expect(r.out == "")
        #expect(r.err.contains("interrupted"))
        #expect(r.err.contains("-c:1:1: stopped: 'sleep 20' was interrupted"))
    }

    @Test("a closed stdout pipe ends the process quietly")
    func closedPipe() throws {
        // 300 KB of output through `head -c1`, which closes the pipe after one byte: far more than a
        // pipe buffer, so r2s writes into a closed pipe and must not die of SIGPIPE (status 141).
        let line = "echo " + String(repeating: "y", count: 100)
        let r = try R2SBinary.run(
            ["-o", "pipefail", "-c", "for i in $(seq 3000); do echo '\(line)'; done | \"$R2S\" | head -c1 >/dev/null"],
            executable: "/bin/bash", environment: ["R2S": R2SBinary.path ?? "r2s"])
        #expect(r.status == 0)
    }
}
