import Synchronization

/// A console that records everything written to it: for tests and for capturing output.
public final class BufferConsole: Console {
    private struct State {
        var out = ""
        var err = ""
        var answers: [Bool] = []
    }
    private let state = Mutex(State())
    public let isTerminal: Bool
    public let isInteractive: Bool
    public let width: Int
    public var useColor: Bool { false }

    public init(isTerminal: Bool = false, isInteractive: Bool = false, width: Int = 80, answers: [Bool] = []) {
        self.isTerminal = isTerminal
        self.isInteractive = isInteractive
        self.width = width
        state.withLock { $0.answers = answers }
    }

    public func write(_ text: String) { state.withLock { $0.out += text } }
    public func writeError(_ text: String) { state.withLock { $0.err += text } }
    public func flush() {}
    public func status(_ text: String) {}

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
