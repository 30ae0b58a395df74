import R2SCore
import Synchronization

/// The one status line of `rm` and `mv` of many objects on a terminal: how many are done (of how
/// many, when known) and the key last finished, redrawn at most every 100 ms — and at every
/// `checkpoint()` (a finished batch), so a long run visibly moves even when its items finish
/// in bursts. Nothing off a terminal (scripts and cron logs get the result table) or with `-q`.
final class CountBoard: Sendable {
    private struct State {
        var done = 0
        var current = ""
        var lastDraw: ContinuousClock.Instant?
    }

    private let console: any Console
    private let language: Language
    private let verb: LocalizedText
    private let total: Int?
    private let live: Bool
    private let state = Mutex(State())

    /// `total` is `nil` when the count is not known up front (a folder listed page by page).
    init(_ context: ShellContext, verb: LocalizedText, total: Int?) {
        console = context.console
        language = context.language
        self.verb = verb
        self.total = total
        live = context.console.isTerminal && !context.quiet
    }

    /// Shows the line before the first item finishes (the first batch can take a while).
    func start(_ current: String) {
        guard live else { return }
        let line = state.withLock { s -> String in
            s.current = current
            s.lastDraw = ContinuousClock.now
            return render(s)
        }
        console.status(line)
    }

    /// Counts `count` finished items, the last being `key`.
    func advance(_ count: Int = 1, key: String) {
        guard live else { return }
        let total = self.total
        let line = state.withLock { s -> String? in
            s.done += count
            s.current = key
            let now = ContinuousClock.now
            if s.done != total, let last = s.lastDraw, now - last < .milliseconds(100) { return nil }
            s.lastDraw = now
            return render(s)
        }
        if let line { console.status(line) }
    }

    /// Redraws the line now (a batch is finished).
    func checkpoint() {
        guard live else { return }
        let line = state.withLock { s -> String in
            s.lastDraw = ContinuousClock.now
            return render(s)
        }
        console.status(line)
    }

    /// Clears the line (before the result table).
    func clear() {
        if live { console.status("") }
    }

    private func render(_ s: State) -> String {
        let count = total.map { "\(s.done)/\($0)" } ?? "\(s.done)"
        return "\(verb.resolve(language)) \(count) · \(s.current)"
    }
}
