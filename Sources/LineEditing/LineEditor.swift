internal import CEdit
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What one call to `LineEditor.readLine(prompt:)` produced.
public enum LineInput: Sendable, Equatable {
    /// A line the user entered (without the newline).
    case line(String)
    /// Ctrl-C was pressed while typing: the line is discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the input ended.
    case endOfInput
}

/// An interactive line editor on libedit (emacs keys, history, TAB completion, UTF-8).
///
/// libedit's readline API keeps its state in process-wide globals, so only one `LineEditor` can
/// exist at a time; `init` throws `LineEditorError.alreadyActive` for a second one. Use it from
/// one thread (the one that receives SIGINT, normally the main thread: libedit's `read` must be
/// the call the signal interrupts).
public final class LineEditor {
    private static let active = Atomic<Bool>(false)
    private let historyFile: String?
    private let historyLimit: Int

    /// Starts libedit for `applicationName` (used for `~/.editrc` lines such as
    /// `r2s:bind -v`) and loads `historyFile` when it exists.
    ///
    /// - Parameters:
    ///   - historyFile: where `saveHistory()` writes; `nil` keeps history in memory only.
    ///   - historyLimit: the most entries kept (oldest dropped first).
    public init(applicationName: String, historyFile: String?, historyLimit: Int = 1000) throws {
        guard Self.active.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { throw LineEditorError(.alreadyActive) }
        self.historyFile = historyFile
        self.historyLimit = historyLimit
        Self.prepareLocale()
        // libedit keeps the pointer, so the name must live as long as the process: one strdup.
        r2s_edit_set_readline_name(Self.retainedName(applicationName))
        // Our own read loop notices Ctrl-C on any thread; libedit's signal handling is not needed.
        r2s_edit_set_catch_signals(0)
        r2s_edit_set_getc_function(readCharacterTrampoline)
        guard rl_initialize() == 0 else {
            Self.active.store(false, ordering: .releasing)
            throw LineEditorError(.initializationFailed)
        }
        using_history()
        stifle_history(Int32(clamping: historyLimit))
        r2s_edit_set_query_items(200)
        r2s_edit_set_completion_function(completionTrampoline)
        if let historyFile, access(historyFile, R_OK) == 0 {
            // A history file libedit cannot parse is not fatal: the shell starts with empty history.
            _ = read_history(historyFile)
        }
    }

    deinit {
        CompletionSlot.shared.withLock { $0 = nil }
        r2s_edit_set_completion_function(nil)
        clear_history()
        Self.active.store(false, ordering: .releasing)
    }

    /// Called on TAB with the text before the cursor; returns what to offer.
    public var completion: (@Sendable (String) -> LineCompletion?)? {
        get { CompletionSlot.shared.withLock { $0 } }
        set { CompletionSlot.shared.withLock { $0 = newValue } }
    }

    /// Shows `prompt` and reads one line.
    ///
    /// - Parameters:
    ///   - prompt: may contain ANSI escapes wrapped in `\u{1}`…`\u{2}` (not counted as width).
    ///   - interrupted: polled while waiting for keys; returns true (once) after Ctrl-C. The line
    ///     being typed is then discarded and `.interrupted` returned.
    public func readLine(prompt: String, interrupted: @escaping @Sendable () -> Bool) -> LineInput {
        _ = interrupted()  // a Ctrl-C from before the prompt is not meant for this line
        InputSlot.interrupted.store(false, ordering: .relaxed)
        InputSlot.interruptCheck.withLock { $0 = interrupted }
        defer { InputSlot.interruptCheck.withLock { $0 = nil } }
        // Without libedit's SIGWINCH handler, pick up a resized window before each line.
        rl_resize_terminal()
        guard let raw = readline(prompt) else {
            return InputSlot.interrupted.exchange(false, ordering: .relaxed) ? .interrupted : .endOfInput
        }
        defer { free(raw) }  // readline() returns malloc'ed memory
        return .line(String(cString: raw))
    }

    /// Appends `line` to the in-memory history (Up arrow recalls it).
    public func addHistory(_ line: String) {
        _ = add_history(line)
    }

    /// Number of entries in the in-memory history.
    public var historyCount: Int { Int(r2s_edit_history_length()) }

    /// Writes the history to `historyFile` with mode 0600 (created if missing, its directory
    /// with mode 0700). History can hold what operators typed, so only the owner may read it.
    public func saveHistory() throws {
        guard let historyFile else { return }
        try Self.createPrivateFile(historyFile)
        guard write_history(historyFile) == 0 else { throw LineEditorError(.historyWriteFailed, path: historyFile) }
        // write_history re-creates the file with the umask's mode on some libedit versions.
        chmod(historyFile, 0o600)
    }

    // MARK: - Helpers

    private static func prepareLocale() {
        // libedit drops every non-ASCII byte in the "C" locale, and a C program starts in "C"
        // whatever LANG says. Take the user's locale; when that is plain C/POSIX (LANG unset under
        // cron, CI or tmux), fall back to C.UTF-8 so accents and emoji still work.
        let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if current == "C" || current == "POSIX" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    private static let nameStorage = Mutex<[String: UnsafeMutablePointer<CChar>]>([:])

    private static func retainedName(_ name: String) -> UnsafePointer<CChar>? {
        nameStorage.withLock { names in
            if let existing = names[name] { return UnsafePointer(existing) }
            guard let copy = strdup(name) else { return nil }
            names[name] = copy
            return UnsafePointer(copy)
        }
    }

    /// Creates `path` (mode 0600) and its parent directory (mode 0700) when missing, and
    /// tightens an existing file to 0600.
    static func createPrivateFile(_ path: String) throws {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try createDirectories(String(path[..<slash]))
        }
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        guard fd >= 0 else { throw LineEditorError(.historyWriteFailed, path: path, errno: errno) }
        fchmod(fd, 0o600)
        close(fd)
    }

    private static func createDirectories(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 { return }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try createDirectories(String(path[..<slash]))
        }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw LineEditorError(.historyWriteFailed, path: path, errno: errno)
        }
    }
}

/// A line-editor failure.
public struct LineEditorError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable {
        /// Another `LineEditor` is alive (libedit's readline API is process-global).
        case alreadyActive
        /// `rl_initialize` failed (no terminal description, out of memory).
        case initializationFailed
        /// The history file or its directory could not be written.
        case historyWriteFailed
    }

    public var code: Code
    public var path: String?
    public var errorNumber: Int32?

    init(_ code: Code, path: String? = nil, errno: Int32? = nil) {
        self.code = code
        self.path = path
        self.errorNumber = errno
    }

    public var description: String {
        let reason = errorNumber.flatMap { strerror($0) }.map { ": " + String(cString: $0) } ?? ""
        switch code {
        case .alreadyActive: return "a line editor is already active"
        case .initializationFailed: return "the line editor could not start"
        case .historyWriteFailed: return "cannot write history file \(path ?? "")\(reason)"
        }
    }
}
