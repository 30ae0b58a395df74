import Foundation
import R2STestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `r2s` binary run as a real process on the fixture's servers, for what an in-process
/// shell cannot show: a SIGKILL in the middle of a batch, a pseudo-terminal. `posix_spawn` +
/// `waitpid` (Foundation's `Process` can miss a child's exit when waited on from the pool).
final class WatchProcess: Sendable {
    let pid: pid_t
    /// Where stdout and stderr go (together).
    let outputPath: String

    /// The r2s binary next to the test bundle (`swift build` puts both in the same directory).
    static func binary(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        builtR2SBinary(sourceLocation: sourceLocation)
    }

    /// Starts `argv` with exactly `environment`; its output goes to `outputPath`.
    init(_ argv: [String], environment: [String: String], outputPath: String) throws {
        self.pid = try spawnToFile(argv, environment: environment, outputPath: outputPath)
        self.outputPath = outputPath
    }

    func kill(_ signal: Int32) { _ = Glibc.kill(pid, signal) }

    /// Waits for the exit: its status, or 128 + the signal that ended it.
    func wait() async -> Int32 {
        let pid = self.pid
        return await withCheckedContinuation { (done: CheckedContinuation<Int32, Never>) in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                done.resume(returning: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
            }
        }
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
}

extension WatchFixture {
    /// The environment of an `r2s` process whose `env` profile is this fixture (bucket, catalog
    /// table, queue), with a private HOME and XDG folders under `home`.
    func processEnvironment(home: String) -> [String: String] {
        var env = queue.settings()
        if let s3 = TestServers.s3() { env.merge(s3.settings(bucket: bucket)) { _, new in new } }
        env.merge([
            "R2_PUBLIC_URL": WatchFixture.base, "DATABASE_URL": pgURL, "R2S_TABLE": table,
            "HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color",
            "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "XDG_DATA_HOME": home + "/data",
        ]) { _, new in new }
        return env
    }

    /// Polls the queue's stats until `predicate` holds (at most `limit` seconds, a bound, not a timing check).
    func waitForStats(limit: Double = 60, _ predicate: ([String: Int]) -> Bool) async throws -> [String: Int] {
        let deadline = Date().addingTimeInterval(limit)
        var stats = try await queue.stats()
        while !predicate(stats), Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            stats = try await queue.stats()
        }
        return stats
    }
}
