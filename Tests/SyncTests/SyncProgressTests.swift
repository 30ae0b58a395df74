import BackendSupport
import Foundation
import R2SCore
import R2STestSupport
import Testing

/// Long syncs show progress on a terminal (reading counts, apply progress) and keep scripts' logs
/// free of it.
@Suite struct SyncProgressTests {
    @Test("on a terminal sync draws reading and applying progress; in a script it draws nothing")
    func progress() async throws {
        try await E2E.with(.local) { e in
            try await e.put((0..<30).map { "p/\($0).pdf" })
            let tty = BufferConsole(isTerminal: true, isInteractive: true, answers: [true])
            #expect(await e.dispatch(["sync", "--min-age", "0s", "--yes"], console: tty) == .ok, "\(tty.errorOutput)")
            let drawn = tty.statusLines.filter { !$0.isEmpty }
            #expect(drawn.contains { $0.hasPrefix("reading: ") }, "\(drawn)")
            #expect(drawn.last == "applying: 30/30", "\(drawn)")

            try await e.put(["p/late.pdf"])
            let script = BufferConsole()
            #expect(await e.dispatch(["sync", "--min-age", "0s"], console: script) == .ok, "\(script.errorOutput)")
            #expect(script.statusLines.isEmpty)
            #expect(script.errorOutput.contains("Sync finished: 1 record added"), "\(script.errorOutput)")
        }
    }
}
