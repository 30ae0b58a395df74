import Foundation
import R2STestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `r2s` binary run as a real process, on a pseudo-terminal (script(1) records every
/// byte it writes there) or with its output in a plain file: what an in-process shell with a
/// buffer console cannot show — the real console's status line.
enum TerminalRun {
    /// The r2s binary next to the test bundle (`swift build` puts both in one directory).
    static func binary(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        builtR2SBinary(sourceLocation: sourceLocation)
    }

    /// True when script(1) is there (util-linux; `scripts/install-deps.sh --test`); a recorded failure otherwise.
    static func hasScript(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("script(1) is not installed (util-linux, scripts/install-deps.sh --test)", sourceLocation: sourceLocation)
            return false
        }
        return true
    }

    /// Runs `r2s -c COMMAND` on a pseudo-terminal; its exit status and every byte written to the terminal.
    static func onTerminal(_ r2s: String, _ command: String, environment: [String: String], in dir: String) async throws
        -> (status: Int32, bytes: String)
    {
        let typescript = dir + "/typescript-\(UUID().uuidString)"
        let shellCommand = "'\(r2s)' --no-pager -c " + quoted(command)
        let status = try await run(["/usr/bin/script", "-q", "-e", "-c", shellCommand, typescript], environment, output: dir + "/script-out")
        return (status, (try? String(contentsOfFile: typescript, encoding: .utf8)) ?? "")
    }

    /// Runs `r2s -c COMMAND` with stdout and stderr in a file (no terminal); its status and output.
    static func plain(_ r2s: String, _ command: String, environment: [String: String], in dir: String) async throws
        -> (status: Int32, bytes: String)
    {
        let output = dir + "/plain-\(UUID().uuidString)"
        let status = try await run([r2s, "-c", command], environment, output: output)
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    /// Single quotes for sh (script -c runs its command through the shell).
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `posix_spawn` + `waitpid` on a thread of its own (Foundation's `Process` can miss a child's
    /// exit when waited on from the pool); stdin is /dev/null, stdout and stderr go to `output`.
    private static func run(_ argv: [String], _ environment: [String: String], output: String) async throws -> Int32 {
        let child = try spawnToFile(argv, environment: environment, outputPath: output)
        return await withCheckedContinuation { (done: CheckedContinuation<Int32, Never>) in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0 && errno == EINTR {}
                done.resume(returning: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
            }
        }
    }
}
