import Foundation

/// The built `r2s` executable (beside the test bundle in `.build/<triple>/debug`), run as a
/// child process with a clean, private environment: end-to-end tests of the executable's
/// plugin wiring, the real interpreter and signal handling.
enum R2SBinary {
    struct Result {
        var out: String
        var err: String
        /// The exit code, or 128 + N when the process was killed by signal N.
        var status: Int32
        /// True when r2s itself died of a signal.
        var signaled: Bool
    }

    static let path: String? = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidate = exe.deletingLastPathComponent().appendingPathComponent("r2s").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    /// An environment with no settings from the developer's machine: XDG dirs under `home`.
    static func environment(home: String, extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "XDG_DATA_HOME": home + "/data",
        ]
        env.merge(extra) { _, new in new }
        return env
    }

    /// Runs r2s with `arguments` (in `currentDirectory`, where a `.env` may be); `newSession` starts it as its own process-group leader
    /// (`setsid`), so a plugin's `kill -INT 0` reaches r2s as a terminal's Ctrl-C would.
    static func run(
        _ arguments: [String], environment: [String: String], newSession: Bool = false, currentDirectory: String? = nil
    ) throws -> Result {
        guard let path else { throw CocoaError(.fileNoSuchFile) }
        // No time limit: a test that needs one (a hanging example) calls runProgram itself.
        return try newSession
            ? runProgram("/usr/bin/setsid", ["--wait", path] + arguments, environment: environment,
                         currentDirectory: currentDirectory, limit: .infinity)
            : runProgram(path, arguments, environment: environment, currentDirectory: currentDirectory, limit: .infinity)
    }

    /// True when the executable runs the full `.r2s` language (`echo`, `$?`, stop-on-error):
    /// the tests of plugin behaviour inside scripts need it.
    static let hasLanguage: Bool = {
        let home = NSTemporaryDirectory()
        guard let r = try? run(["-c", "echo ok; false; echo no"], environment: environment(home: home)) else { return false }
        return r.out == "ok\n" && r.status == 1
    }()

    /// True when every named command is registered in the executable (`help --json`).
    static func hasCommands(_ names: [String]) -> Bool {
        guard let r = try? run(["-c", "help --json"], environment: environment(home: NSTemporaryDirectory())) else {
            return false
        }
        let rows = (try? JSONSerialization.jsonObject(with: Data(r.out.utf8))) as? [[String: Any]] ?? []
        let commands = Set(rows.compactMap { $0["command"] as? String })
        return names.allSatisfy(commands.contains)
    }
}
