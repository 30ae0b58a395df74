import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion without Foundation's `Process` (whose `waitUntilExit` can miss
/// the exit of a child when called from a concurrency thread): `posix_spawn` + `waitpid` on a
/// thread of its own, output discarded.
enum Subprocess {
    struct Failed: Error, CustomStringConvertible {
        var argv: [String]
        var status: Int32
        var description: String { "\(argv.joined(separator: " ")) exited with \(status)" }
    }

    static func run(_ argv: [String]) async throws {
        let status = await withCheckedContinuation { (done: CheckedContinuation<Int32, Never>) in
            Thread.detachNewThread { done.resume(returning: runBlocking(argv)) }
        }
        guard status == 0 else { throw Failed(argv: argv, status: status) }
    }

    static func runBlocking(_ argv: [String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [Int32(0), 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
