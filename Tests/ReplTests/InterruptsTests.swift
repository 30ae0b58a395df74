import Foundation
import R2SCore
import Testing

@Suite struct InterruptsTests {
    // No real SIGINT here: the whole test process shares one interrupt counter, and a signal would
    // cancel whatever other test happens to be running a command. Cancelling the outer task is
    // what the outer watcher does on Ctrl-C, so it exercises the same path.
    @Test("cancelling an outer runCancellable stops the nested one (REPL > interpreter > command)")
    func nestedCancellation() async throws {
        let outer = Task {
            await Interrupts.none.runCancellable {
                await Interrupts.none.runCancellable {
                    do {
                        try await Task.sleep(for: .seconds(20))
                        return false
                    } catch {
                        return true
                    }
                }
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        outer.cancel()
        // true only if the inner sleep was cancelled; an uncancelled one returns false after 20 s.
        #expect(await outer.value)
    }
}
