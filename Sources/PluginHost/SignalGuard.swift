#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Keeps r2s alive while a child runs: SIGINT and SIGQUIT that still have their default action
/// (which would kill r2s; the child gets them too from the terminal) are ignored until the last
/// running child is waited for, then restored — what `system(3)` does. A handler installed by
/// `Interrupts` is left alone: it only counts, and the running task's cancellation does the rest.
enum SignalGuard {
    private struct State {
        var running = 0
        var ignored: [Int32] = []
    }
    private static let state = Mutex(State())

    static func enter() {
        state.withLock { s in
            s.running += 1
            guard s.running == 1 else { return }
            for signal in [SIGINT, SIGQUIT] {
                var current = sigaction()
                sigaction(signal, nil, &current)
                let hasHandler = current.sa_flags & SA_SIGINFO != 0 || current.__sigaction_handler.sa_handler != nil
                guard !hasHandler else { continue }  // handler installed, or already SIG_IGN (non-nil)
                var ignore = sigaction()
                ignore.__sigaction_handler.sa_handler = SIG_IGN
                sigemptyset(&ignore.sa_mask)
                sigaction(signal, &ignore, nil)
                s.ignored.append(signal)
            }
        }
    }

    static func leave() {
        state.withLock { s in
            s.running -= 1
            guard s.running == 0 else { return }
            for signal in s.ignored {
                var restore = sigaction()
                restore.__sigaction_handler.sa_handler = SIG_DFL
                sigemptyset(&restore.sa_mask)
                sigaction(signal, &restore, nil)
            }
            s.ignored.removeAll()
        }
    }
}
