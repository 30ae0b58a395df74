import Synchronization

/// A console that records everything written to it: for tests and for capturing output.
public final class BufferConsole: Console {
    private struct State {
        var out = ""
        var err = ""
        var answers: [Bool] = []
        var lines: [String] = []
        var statuses: [String] = []
    }
    private let state = Mutex(State())
    public let isTerminal: Bool
    public let isInteractive: Bool
    public let width: Int
    public var useColor: Bool { false }

    /// - Parameter lines: answers to `readLine(prompt:secret:)`, in order.
    public init(isTerminal: Bool = false, isInteractive: Bool = false, width: Int = 80, answers: [Bool] = [], lines: [String] = []) {
        self.isTerminal = isTerminal
        self.isInteractive = isInteractive
        self.width = width
        state.withLock {
            $0.answers = answers
            $0.lines = lines
        }
    }

    /// Records the prompt on stderr (never the answer: a secret must not reach a transcript).
    public func readLine(prompt: String, secret: Bool) -> String? {
        state.withLock { s in
            guard isInteractive, !s.lines.isEmpty else { return nil }
            s.err += prompt
            let line = s.lines.removeFirst()
            s.err += secret ? "\n" : line + "\n"
            return line
        }
    }

    public func write(_ text: String) { state.withLock { $0.out += text } }
    public func writeError(_ text: String) { state.withLock { $0.err += text } }
    public func flush() {}
    /// Records progress lines on a "terminal" console (as the real one would draw them), so tests
    /// can check that long work reports progress; ignored otherwise, like the real console.
    public func status(_ text: String) {
        guard isTerminal else { return }
        state.withLock { $0.statuses.append(text) }
    }

    /// The progress (status) lines drawn so far, in order; empty strings are clears.
    public var statusLines: [String] { state.withLock { $0.statuses } }

    public func confirm(_ question: String) -> Bool {
        state.withLock { s in
            s.err += question + " "
            return s.answers.isEmpty ? false : s.answers.removeFirst()
        }
    }

    /// Everything written to standard output so far.
    public var output: String { state.withLock { $0.out } }
    /// Everything written to standard error so far.
    public var errorOutput: String { state.withLock { $0.err } }
    /// Clears both captured streams.
    public func reset() { state.withLock { $0.out = ""; $0.err = "" } }
}
