#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The process's real stdout/stderr. Standard output is buffered in memory and written with
/// `write(2)` in large chunks: a 10,000-line script must not pay one syscall per `echo`.
public final class StandardConsole: Console {
    private let buffer = Mutex([UInt8]())
    private let statusShown = Mutex(false)
    public let isTerminal: Bool
    /// Whether stderr is a terminal: text written there is made `TerminalText.safe`.
    let errorIsTerminal: Bool
    public let isInteractive: Bool
    let environment: [String: String]
    let pager = Mutex(PagerState())
    private let colorMode = Mutex(ColorMode.auto)

    public init(environment: [String: String]) {
        self.environment = environment
        isTerminal = isatty(1) == 1
        errorIsTerminal = isatty(2) == 1
        isInteractive = isatty(0) == 1
    }

    /// `--color`: `auto` colours on a terminal unless `NO_COLOR` is set or `TERM=dumb`.
    public func setColor(_ mode: ColorMode) { colorMode.withLock { $0 = mode } }

    public var useColor: Bool {
        switch colorMode.withLock({ $0 }) {
        case .always: true
        case .never: false
        case .auto: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }

    public var width: Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if isTerminal, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    public func write(_ text: String) {
        clearStatus()
        let flushNow = buffer.withLock { bytes -> Bool in
            // Keys and urls may hold escape sequences: harmless in a pipe, not on a terminal.
            bytes.append(contentsOf: (isTerminal ? TerminalText.safe(text) : text).utf8)
            return bytes.count >= 64 * 1024
        }
        if flushNow { flush() }
    }

    public func writeError(_ text: String) {
        flush()
        clearStatus()
        Self.writeAll(2, Array((errorIsTerminal ? TerminalText.safe(text) : text).utf8))
    }

    public func flush() {
        let bytes = buffer.withLock { b -> [UInt8] in
            defer { b.removeAll(keepingCapacity: true) }
            return b
        }
        if !bytes.isEmpty { Self.writeAll(outputDescriptor, bytes) }
    }

    public func status(_ text: String) {
        guard isTerminal else { return }
        flush()
        // \r + erase-line keeps the progress on one line; cleared before normal output.
        let line = "\r\u{1B}[2K" + String(TerminalText.safe(text).prefix(max(10, width - 1)))
        Self.writeAll(2, Array(line.utf8))
        statusShown.withLock { $0 = true }
    }

    private func clearStatus() {
        let shown = statusShown.withLock { s -> Bool in
            defer { s = false }
            return s
        }
        if shown { Self.writeAll(2, Array("\r\u{1B}[2K".utf8)) }
    }

    public func confirm(_ question: String) -> Bool {
        guard isInteractive else { return false }
        writeError(question + " [y/N] ")
        guard let answer = Swift.readLine(strippingNewline: true) else { return false }
        return ["y", "yes", "s", "sim"].contains(answer.trimmingCharacters(in: " \t").lowercased())
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return  // EPIPE etc.: the reader went away; nothing useful left to do
                }
                offset += n
            }
        }
    }
}

extension String {
    /// Trims the given characters from both ends (Foundation-free).
    public func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
