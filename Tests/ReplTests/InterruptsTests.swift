import Foundation
import R2SCore
import Testing

@Suite(.serialized) struct InterruptsTests {
    @Test("Ctrl-C cancels nested cancellable runs (the REPL around the interpreter around a command)")
    func nestedCancellation() async throws {
        let interrupts = Interrupts.install()
        defer { signal(SIGINT, SIG_DFL) }  // give Ctrl-C back to the test runner
        let started = Date()
        Task.detached {
            try? await Task.sleep(for: .milliseconds(300))
            kill(getpid(), SIGINT)  // process-directed: pool threads block signals
        }
        let cancelled = await interrupts.runCancellable {
            await interrupts.runCancellable {
                do {
                    try await Task.sleep(for: .seconds(20))
                    return false
                } catch {
                    return true
                }
            }
        }
        #expect(cancelled)
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
