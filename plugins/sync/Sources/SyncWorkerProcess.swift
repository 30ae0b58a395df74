import FoundationEssentials
import R2SCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A worker process of a shared run: this same binary, started with
/// `-c "sync --worker-run RUN --lease N --list-concurrency C"`, the profile's settings in its environment, stdout to
/// /dev/null (the run's summary is the planner's) and stderr shared (its log lines).
struct SyncWorkerProcess: Sendable {
    let pid: pid_t

    /// This executable (`/proc/self/exe` on Linux).
    static func executable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments.first ?? "r2s"
    }

    /// Starts one worker; throws `CommandError` when the process cannot be started.
    static func start(run: String, leaseSeconds: Int64, listConcurrency: Int, profile: Profile) throws -> SyncWorkerProcess {
        var arguments = [executable()]
        // A profile chosen by name is chosen again by name; its values also go in the
        // environment, so settings made in this session (`set`, `.env`) reach the worker too.
        if profile.chosenBy != nil {
            arguments += ["--profile", profile.name]
        }
        arguments += ["-c", "sync --worker-run \(run) --lease \(leaseSeconds)s --list-concurrency \(listConcurrency)"]
        var environment: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "="), environment[String(s[..<eq])] == nil {
                environment[String(s[..<eq])] = String(s[s.index(after: eq)...])
            }
            p += 1
        }
        for (k, v) in profile.values { environment[k] = v }
        let env = environment.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer {
            for a in argv { free(a) }
            for e in envp { free(e) }
        }
        let rc = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard rc == 0 else {
            throw CommandError(
                LocalizedText(
                    en: "cannot start a sync worker (\(String(cString: strerror(rc))))",
                    ptBR: "não foi possível iniciar um worker de sincronização (\(String(cString: strerror(rc))))"),
                hint: LocalizedText(
                    en: "run `sync --join` in another shell instead, or sync with one process",
                    ptBR: "rode `sync --join` em outro shell, ou sincronize com um processo só"))
        }
        return SyncWorkerProcess(pid: pid)
    }

    /// True once the process has exited (reaped).
    func exited() -> Bool {
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        return r == pid || (r < 0 && errno == ECHILD)
    }
}
