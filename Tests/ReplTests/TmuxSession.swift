import Foundation
import R2STestSupport
import Testing

/// Drives the built `r2s` binary in a real pseudo-terminal through tmux (`send-keys` in,
/// `capture-pane` out), with its own HOME and XDG directories.
final class TmuxSession {
    let home: String
    private let tmux: String

    /// The r2s binary next to the test bundle (`swift build` puts both in the same directory).
    static var binary: String? {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let candidate = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("r2s").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// A new private HOME, or `nil` when tmux or the binary is missing (an Issue under
    /// R2S_REQUIRE_SERVERS=1, where CI must run every test).
    static func make(sourceLocation: SourceLocation = #_sourceLocation) throws -> TmuxSession? {
        guard let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            if TestServers.required { Issue.record("tmux is not installed (scripts/install-deps.sh --test)", sourceLocation: sourceLocation) }
            return nil
        }
        guard binary != nil else {
            Issue.record("the r2s binary is not built next to the tests: run `swift build` first", sourceLocation: sourceLocation)
            return nil
        }
        return try TmuxSession(tmux: tmux)
    }

    /// `make`, then `prepare` (files in HOME), `start` and the first `r2s:local>` prompt: how
    /// nearly every terminal test begins. `nil` as `make` gives it.
    static func started(
        sourceLocation: SourceLocation = #_sourceLocation, prepare: (TmuxSession) throws -> Void = { _ in }
    ) throws -> TmuxSession? {
        guard let tty = try make(sourceLocation: sourceLocation) else { return nil }
        try prepare(tty)
        tty.start()
        #expect(tty.waitForPrompt("r2s:local>"), "\(tty.screen())", sourceLocation: sourceLocation)
        return tty
    }

    private init(tmux: String) throws {
        self.tmux = tmux
        home = NSTemporaryDirectory() + "r2s-tty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    deinit {
        _ = run(["kill-server"])
        try? FileManager.default.removeItem(atPath: home)
    }

    var configDirectory: String { home + "/.config/r2s" }
    var historyFile: String { home + "/.local/state/r2s/history" }

    /// Starts r2s in a fresh 160x48 terminal with a clean environment.
    func start(environment extra: [String: String] = [:]) {
        var env = [
            "HOME": home, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": home + "/.config", "XDG_STATE_HOME": home + "/.local/state",
            "XDG_DATA_HOME": home + "/.local/share",
        ]
        env.merge(extra) { _, new in new }
        // A small sh wrapper records r2s's exit status: tmux's own pane_dead_status proved racy under
        // load (the pane was marked dead before the child was reaped). `trap true INT` keeps the
        // wrapper alive on Ctrl-C while r2s itself starts with SIGINT's default disposition.
        unlink(statusFile)
        let command = ["env", "-i"] + env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + ["/bin/sh", "-c", "trap true INT; \"$0\"; echo $? > \"$1\"", Self.binary ?? "r2s", statusFile]
        // The server forks from this client and would inherit a pipe: no output captured here.
        run(["new-session", "-d", "-s", "main", "-x", "160", "-y", "48", "-c", home,
             command.map(Self.shellQuote).joined(separator: " "),
             ";", "set-option", "-t", "main", "remain-on-exit", "on"], capture: false)
    }

    /// Ends the session and starts r2s again with the same HOME (history, config kept), on a
    /// fresh tmux server: a new client can race a server that is still shutting down.
    func restart(environment extra: [String: String] = [:]) {
        _ = run(["kill-server"])
        generation += 1
        start(environment: extra)
    }

    private var generation = 0
    private var socketPath: String { home + "/.tmux-\(generation).sock" }

    /// Types text literally.
    func type(_ text: String) { _ = run(["send-keys", "-t", "main", "-l", "--", text]) }
    /// Presses named keys (`Tab`, `Enter`, `Up`, `C-c`, `C-d`, `C-u`).
    func press(_ keys: String...) { _ = run(["send-keys", "-t", "main"] + keys) }

    /// Everything the terminal showed, scrollback included (so long outputs never hide prompts).
    func screen() -> String { run(["capture-pane", "-p", "-S", "-", "-t", "main"]) }
    /// The screen with its colour escapes (`capture-pane -e`).
    func screenWithEscapes() -> String { run(["capture-pane", "-p", "-e", "-S", "-", "-t", "main"]) }

    /// Lines of the screen that start with the r2s prompt.
    func promptLines() -> [String] {
        screen().split(separator: "\n").map(String.init).filter { $0.hasPrefix("r2s:") }
    }

    /// The last prompt line, trailing spaces removed.
    func lastPrompt() -> String? { promptLines().last.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) } }

    /// Polls the screen until `predicate` holds; returns whether it did within `timeout` seconds.
    @discardableResult
    func waitFor(timeout: Double = 10, _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(screen()) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return predicate(screen())
    }

    /// Waits for the prompt line `text` to be the last prompt.
    @discardableResult
    func waitForPrompt(_ text: String, timeout: Double = 10) -> Bool {
        waitFor(timeout: timeout) { _ in self.lastPrompt() == text }
    }

    /// Waits for `count` prompt lines on the screen.
    @discardableResult
    func waitForPrompts(_ count: Int, timeout: Double = 10) -> Bool {
        waitFor(timeout: timeout) { _ in self.promptLines().count == count }
    }

    private var statusFile: String { home + "/.exit-status" }

    /// The exit status once r2s has ended (`nil` while it runs).
    func exitStatus() -> Int? {
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs tmux and returns its standard output.
    ///
    /// posix_spawn instead of Foundation's Process, for two reasons found the hard way:
    /// Process spawns from a Dispatch worker whose signal mask blocks SIGINT/SIGTERM (tmux, and
    /// r2s under it, would inherit that: Ctrl-C could never arrive), and it lost track of the
    /// tmux client once the client forked the server (waitUntilExit hung). Output goes to a
    /// temporary file, not a pipe the daemonized server could inherit.
    @discardableResult
    private func run(_ args: [String], capture: Bool = true) -> String {
        let output = capture ? home + "/.tmux-out-\(UUID().uuidString)" : "/dev/null"
        defer { if capture { unlink(output) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // A socket inside the private HOME: removed with it, never shared with another test.
        let argv = ([tmux, "-S", socketPath, "-f", "/dev/null"] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, tmux, &actions, &attributes, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard capture else { return "" }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    private static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
