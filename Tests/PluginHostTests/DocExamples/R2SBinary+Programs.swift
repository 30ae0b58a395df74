import Foundation

extension R2SBinary {
    /// Runs any program (`/bin/sh` for a doc's sh block, `sqlite3` for the seed) with a private
    /// environment, stdin from /dev/null, and both outputs captured through files (a pipe could
    /// fill and block a chatty child).
    /// A child still running after `limit` seconds is killed (an example that never ends, like a
    /// scheduler, must fail the test, not hang it); its status is then 128 + SIGKILL.
    static func runProgram(
        _ executable: String, _ arguments: [String], environment: [String: String], currentDirectory: String?,
        limit: Double = 120
    ) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-prog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let signaled = process.terminationReason == .uncaughtSignal
        return Result(
            out: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            err: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            status: signaled ? 128 + process.terminationStatus : process.terminationStatus, signaled: signaled)
    }
}
