#if canImport(Glibc)
import Glibc
#endif
import R2SCore

/// Runs an external plugin as a child process with `posix_spawn` and waits for it without
/// blocking a thread of Swift's (two-thread) cooperative pool: `waitpid(WNOHANG)` is polled
/// with a short back-off instead of a blocking `waitpid`.
///
/// Ctrl-C: on a terminal the child is in r2s's foreground process group, so the terminal
/// already delivers SIGINT to it. r2s itself must survive: if SIGINT still has its default
/// action (no `Interrupts` handler installed), it is ignored while a child runs, as `system(3)`
/// does. When the running command's task is cancelled (the shell's Ctrl-C monitor) and the
/// terminal did not deliver the signal (not a foreground terminal), SIGINT is forwarded.
enum ChildProcess {
    /// Spawns `path` with `arguments` and `environment`, stdin/stdout/stderr inherited, and
    /// returns its exit status (`128 + N` when killed by signal N).
    static func run(path: String, arguments: [String], environment: [String: String]) async throws
        -> ExitStatus
    {
        let pid = try spawn(path: path, arguments: arguments, environment: environment, stdoutFD: nil)
        let raw = await waitForExit(pid, capture: nil)
        return decode(raw.status)
    }

    /// Spawns `path` with its standard output captured (for `NAME --help`); stdin and stderr
    /// are inherited.
    static func capture(path: String, arguments: [String], environment: [String: String]) async throws
        -> (output: String, status: ExitStatus)
    {
        var fds: [Int32] = [-1, -1]
        // pipe2(O_CLOEXEC) is not visible without _GNU_SOURCE; set close-on-exec right after, so
        // only the dup2'ed copy (fd 1) survives in the child.
        guard pipe(&fds) == 0 else { throw SpawnError(code: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // Only the read end is non-blocking (a separate open file description from the write end),
        // so the child's stdout stays an ordinary blocking pipe.
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        let pid: pid_t
        do {
            pid = try spawn(path: path, arguments: arguments, environment: environment, stdoutFD: fds[1])
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        close(fds[1])
        defer { close(fds[0]) }
        let raw = await waitForExit(pid, capture: fds[0])
        return (String(decoding: raw.output, as: UTF8.self), decode(raw.status))
    }

    /// A failed `posix_spawn` (the errno it returned).
    struct SpawnError: Error {
        var code: Int32
        var reason: String { String(cString: strerror(code)) }
    }

    private static func spawn(
        path: String, arguments: [String], environment: [String: String], stdoutFD: Int32?
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdoutFD { posix_spawn_file_actions_adddup2(&actions, stdoutFD, 1) }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // The child starts with default dispositions for the signals r2s may ignore (SIGPIPE for
        // libcurl, SIGINT/SIGQUIT while a child runs) and an empty mask: an ignored SIGPIPE or
        // SIGINT would otherwise be inherited through exec.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = CStringArray([path] + arguments)
        let envp = CStringArray(environment.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value })
        var pid: pid_t = 0
        SignalGuard.enter()
        var rc = posix_spawn(&pid, path, &actions, &attr, argv.pointers, envp.pointers)
        // ETXTBSY: a child forked elsewhere in this process still holds a write descriptor of
        // the program file (a plugin just written or updated) until its own exec closes it.
        // That window is tiny; a short retry rides it out instead of failing the command.
        var retries = 0
        while rc == ETXTBSY && retries < 5 {
            retries += 1
            usleep(UInt32(5_000 * retries))
            rc = posix_spawn(&pid, path, &actions, &attr, argv.pointers, envp.pointers)
        }
        guard rc == 0 else {
            SignalGuard.leave()
            throw SpawnError(code: rc)
        }
        return pid
    }

    /// Polls the child until it exits, reading `capture` meanwhile; forwards SIGINT when the
    /// calling task is cancelled and the terminal did not already deliver it.
    private static func waitForExit(_ pid: pid_t, capture: Int32?) async -> (status: Int32, output: [UInt8]) {
        defer { SignalGuard.leave() }
        // A detached task does not inherit the cancellation, so its sleeps keep working after
        // Ctrl-C and the child is always reaped (no zombie, and its real status is reported).
        return await withTaskCancellationHandler {
            await Task.detached { await poll(pid, capture: capture) }.value
        } onCancel: {
            if !terminalDeliversInterrupt() { kill(pid, SIGINT) }
        }
    }

    private static func poll(_ pid: pid_t, capture: Int32?) async -> (status: Int32, output: [UInt8]) {
        var output: [UInt8] = []
        var delay = 1
        while true {
            if let capture { drain(capture, into: &output) }
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                if let capture { drain(capture, into: &output) }
                return (status, output)
            }
            if r < 0 && errno != EINTR { return (1 << 8, output) }  // ECHILD: reaped elsewhere; report failure
            try? await Task.sleep(for: .milliseconds(delay))
            delay = min(delay * 2, 20)
        }
    }

    private static func drain(_ fd: Int32, into output: inout [UInt8]) {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                output.append(contentsOf: chunk[0..<n])
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return  // 0 = EOF, EAGAIN = nothing more for now
            }
        }
    }

    /// `waitpid` status → exit status. The `WIFEXITED`/`WEXITSTATUS` macros are not imported into
    /// Swift, so the Linux encoding is decoded here: low 7 bits = terminating signal (0 = exited),
    /// bits 8–15 = exit code.
    static func decode(_ status: Int32) -> ExitStatus {
        let signal = status & 0x7f
        if signal == 0 { return ExitStatus((status >> 8) & 0xff) }
        return ExitStatus(128 + signal)
    }

    /// True when r2s is in the foreground process group of its terminal: then Ctrl-C reached
    /// the child (same group) and forwarding would deliver it twice.
    static func terminalDeliversInterrupt() -> Bool {
        for fd: Int32 in [0, 1, 2] where isatty(fd) == 1 {
            if tcgetpgrp(fd) == getpgrp() { return true }
        }
        return false
    }
}

/// A NULL-terminated `char *[]` for `posix_spawn`, freed on deinit.
private final class CStringArray {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for p in pointers { free(p) }
    }
}
