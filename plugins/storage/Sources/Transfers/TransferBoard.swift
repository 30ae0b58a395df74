import ObjectStore
import R2SCore
import Synchronization

/// Progress of transfers running in parallel: one status line on a terminal (files done, bytes,
/// percent, the file moving now), redrawn at most every 100 ms; plain "done" lines on stderr
/// otherwise (logs of scripts and cron jobs). Nothing with `-q`.
final class TransferBoard: Sendable {
    private struct State {
        var filesDone = 0
        var bytesFinished: Int64 = 0
        var inFlight: [String: Int64] = [:]
        var lastDraw: ContinuousClock.Instant?
        var current = ""
    }

    private let console: any Console
    private let language: Language
    private let verb: LocalizedText
    private let files: Int
    private let bytes: Int64
    private let live: Bool
    private let lines: Bool
    private let state = Mutex(State())

    init(_ context: ShellContext, verb: LocalizedText, files: Int, bytes: Int64) {
        console = context.console
        language = context.language
        self.verb = verb
        self.files = files
        self.bytes = bytes
        live = context.console.isTerminal && !context.quiet
        lines = !context.console.isTerminal && !context.quiet
    }

    /// The progress callback for one transfer.
    func reporter(for key: String) -> TransferProgress? {
        guard live else { return nil }
        return { [self] done, _ in
            let line = state.withLock { s -> String? in
                s.inFlight[key] = done
                s.current = key
                let now = ContinuousClock.now
                if let last = s.lastDraw, now - last < .milliseconds(100) { return nil }
                s.lastDraw = now
                return render(s)
            }
            if let line { console.status(line) }
        }
    }

    /// Records a finished (or failed) transfer; prints `line` when not on a terminal.
    /// The status line is redrawn at most every 100 ms here too (and for the last file): with
    /// thousands of small files, one terminal write per file was a serial cost of its own.
    func finished(_ key: String, bytes done: Int64, line: LocalizedText?) {
        let live = self.live
        let total = files
        let status = state.withLock { s -> String? in
            s.inFlight[key] = nil
            s.filesDone += 1
            s.bytesFinished += done
            guard live else { return nil }
            let now = ContinuousClock.now
            if s.filesDone < total, let last = s.lastDraw, now - last < .milliseconds(100) { return nil }
            s.lastDraw = now
            return render(s)
        }
        if let status { console.status(status) }
        if lines, let line { console.writeErrorLine(line.resolve(language)) }
    }

    /// Clears the status line (the next normal output does it too).
    func clear() {
        if live { console.status("") }
    }

    private func render(_ s: State) -> String {
        let moved = s.bytesFinished + s.inFlight.values.reduce(0, +)
        let percent = bytes > 0 ? Int(min(100, moved * 100 / bytes)) : 100
        return "\(verb.resolve(language)) \(s.filesDone)/\(files) · \(percent)% · "
            + "\(Format.humanSize(moved))/\(Format.humanSize(bytes)) · \(s.current)"
    }
}
