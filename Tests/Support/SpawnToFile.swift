import Foundation

#if canImport(Glibc)
    public import Glibc
#endif

/// Starts `argv` (an absolute path first) with exactly `environment`, stdin /dev/null and
/// stdout + stderr in the file at `outputPath` (created 0600, truncated), and returns its pid.
/// `posix_spawn` rather than Foundation's `Process`: tests that SIGKILL the child or run it under
/// script(1) need the bare pid, and `Process` can miss a child's exit when waited on from the pool.
public func spawnToFile(_ argv: [String], environment: [String: String], outputPath: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup($0.key + "=" + $0.value) } + [nil]
    defer { for p in cArgs + cEnv { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
    return pid
}
