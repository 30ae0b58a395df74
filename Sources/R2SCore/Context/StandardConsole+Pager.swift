#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The pager for long listings on a terminal: `$PAGER` (default `less -FRX`: quits at once when
/// the listing fits the screen, keeps colours, leaves the text on the screen). Started by the
/// first listing of a command and ended with the command, so a short `ls` looks exactly as
/// without it. Never for `--json`/`--csv`, `-q`, `--no-pager`, `R2S_PAGER=` (empty) or output
/// that is not a terminal.
struct PagerState: ~Copyable {
    /// Paging allowed for this process (`--no-pager`, or an empty R2S_PAGER/PAGER, say no).
    var enabled = true
    /// The pager's stdin while it runs.
    var fd: Int32 = -1
    var pid: pid_t = 0
}

extension StandardConsole {
    /// The command line that pages: `R2S_PAGER`, else `PAGER`, else `less -FRX`; `nil` when set
    /// to the empty string.
    var pagerCommand: String? {
        let value = environment["R2S_PAGER"] ?? environment["PAGER"] ?? "less -FRX"
        return value.trimmingCharacters(in: " \t").isEmpty ? nil : value
    }

    public func startPaging() {
        guard isTerminal, let command = pagerCommand else { return }
        flush()
        pager.withLock { state in
            guard state.enabled, state.fd < 0 else { return }
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { return }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
            // The pager runs with default signal dispositions (r2s ignores SIGPIPE).
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTERM] { sigaddset(&defaults, signal) }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            var empty = sigset_t()
            sigemptyset(&empty)
            posix_spawnattr_setsigmask(&attributes, &empty)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
            let argv = ["/bin/sh", "-c", command]
            var cArgs = argv.map { strdup($0) } + [nil]
            defer { for p in cArgs { free(p) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &cArgs, environ)
            close(fds[0])
            guard spawned == 0 else {
                close(fds[1])
                return
            }
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            state.fd = fds[1]
            state.pid = pid
        }
    }

    public func finishPaging() {
        flush()
        let (fd, pid) = pager.withLock { state -> (Int32, pid_t) in
            defer { (state.fd, state.pid) = (-1, 0) }
            return (state.fd, state.pid)
        }
        guard fd >= 0 else { return }
        close(fd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// `--no-pager` for the whole process.
    public func disablePaging() {
        pager.withLock { $0.enabled = false }
    }

    /// Where standard output goes now: the pager's stdin, or fd 1.
    var outputDescriptor: Int32 {
        pager.withLock { $0.fd >= 0 ? $0.fd : 1 }
    }
}

extension StandardConsole {
    /// One line from standard input after `prompt` on stderr; a secret is read with the
    /// terminal's echo off (restored even when reading fails).
    public func readLine(prompt: String, secret: Bool) -> String? {
        guard isInteractive else { return nil }
        writeError(prompt)
        var saved = termios()
        let hide = secret && tcgetattr(0, &saved) == 0
        if hide {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(0, TCSANOW, &quiet)
        }
        defer {
            if hide {
                _ = tcsetattr(0, TCSANOW, &saved)
                writeError("\n")  // the Enter the user typed was not echoed
            }
        }
        return Swift.readLine(strippingNewline: true)
    }
}
