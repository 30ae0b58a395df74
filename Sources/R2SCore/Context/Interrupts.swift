#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Counts SIGINTs. A signal handler gets no user-data pointer, so this one process-wide atomic is
/// the only state it touches (async-signal-safe: a lock-free add).
private let sigintCount = Atomic<Int>(0)

/// Ctrl-C handling for the whole process: the first Ctrl-C cancels the running command (its
/// Task is cancelled; libcurl transfers and multipart uploads abort through cancellation) and
/// the shell returns to the prompt; at the prompt the line editor discards the line.
///
/// Without `install()` (tests) SIGINT keeps its default action.
public struct Interrupts: Sendable {
    private init() {}

    /// Installs the SIGINT handler (idempotent) and returns the monitor.
    ///
    /// `SA_RESTART` is deliberately off so a blocking `read` (the line editor) returns `EINTR`
    /// and can notice the interrupt.
    public static func install() -> Interrupts {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in sigintCount.add(1, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        return Interrupts()
    }

    /// A monitor that never sees signals (tests, or a non-interactive embedding).
    public static let none = Interrupts()

    /// True (once) when Ctrl-C was pressed since the last call.
    public func consume() -> Bool {
        sigintCount.exchange(0, ordering: .relaxed) > 0
    }

    /// Runs `body` in a child task and cancels it when Ctrl-C arrives meanwhile.
    public func runCancellable<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        _ = consume()  // a Ctrl-C typed before the command started is not meant for it
        let task = Task { await body() }
        let watcher = Task {
            while !Task.isCancelled {
                if consume() {
                    task.cancel()
                    return
                }
                try? await Task.sleep(for: .milliseconds(25))
            }
        }
        // Forward cancellation of the caller to the child task, so nested runCancellable calls
        // (the REPL around the interpreter around a command) all stop whichever watcher fires.
        let result = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        watcher.cancel()
        return result
    }
}
