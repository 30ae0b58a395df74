/// Where a command's output goes. The real console writes to the process's stdout/stderr;
/// tests use `BufferConsole` to capture a transcript.
public protocol Console: AnyObject, Sendable {
    /// Writes to standard output (buffered; flushed at the end of every command).
    func write(_ text: String)
    /// Writes to standard error (unbuffered).
    func writeError(_ text: String)
    /// Flushes buffered standard output.
    func flush()
    /// True when standard output is a terminal (tables, colours, progress bars).
    var isTerminal: Bool { get }
    /// True when standard input is a terminal (prompts and confirmations are possible).
    var isInteractive: Bool { get }
    /// Terminal width in columns (80 when unknown).
    var width: Int { get }
    /// Whether ANSI colours may be used (TTY and `NO_COLOR` unset).
    var useColor: Bool { get }
    /// Asks a yes/no question on the terminal; false when not interactive.
    func confirm(_ question: String) -> Bool
    /// Shows a transient status line (progress) on a terminal; no-op otherwise.
    func status(_ text: String)
    /// Sends the rest of this command's standard output through the pager, when paging applies
    /// (a terminal, a pager configured, not disabled). Listings call it.
    func startPaging()
    /// Ends the pager the command started (waits for it: the user may still be reading).
    func finishPaging()
    /// Asks for one line on the terminal (`secret`: typed without echo); `nil` when not
    /// interactive or at end of input.
    func readLine(prompt: String, secret: Bool) -> String?
}

extension Console {
    /// No pager (test consoles).
    public func startPaging() {}
    public func finishPaging() {}
    /// No prompts (consoles that cannot ask).
    public func readLine(prompt: String, secret: Bool) -> String? { nil }

    public func writeLine(_ text: String = "") { write(text + "\n") }
    public func writeErrorLine(_ text: String) { writeError(text + "\n") }
}
