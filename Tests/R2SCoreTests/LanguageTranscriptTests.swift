import Foundation
import R2SCore
import R2STestSupport
import Testing
import UtilModule

/// Transcript tests: each `Transcripts/NAME.r2s` runs through the real dispatcher and must print
/// exactly `NAME.out` on stdout, `NAME.err` on stderr (empty if absent) and exit with
/// `NAME.status` (0 if absent). `NAME.args` gives `$1…`, one per line. Paths in messages are
/// shown relative to the transcript directory.
@Suite struct LanguageTranscriptTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts").path

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".r2s") }.map { String($0.dropLast(4)) }.sorted()
    }

    private static func read(_ name: String, _ ext: String) -> String? {
        try? String(contentsOfFile: "\(directory)/\(name).\(ext)", encoding: .utf8)
    }

    @Test("the transcript directory is found and not empty")
    func directoryExists() {
        #expect(Self.names.count >= 10)
    }

    @Test("transcript", arguments: names)
    func transcript(_ name: String) async throws {
        let source = try #require(Self.read(name, "r2s"))
        let expectedOut = try #require(Self.read(name, "out"), "\(name).out is missing")
        let expectedErr = Self.read(name, "err") ?? ""
        let expectedStatus = Int32(Self.read(name, "status")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "0")
        let arguments = Self.read(name, "args").map { $0.split(separator: "\n").map(String.init) } ?? []

        let shell = TestShell(
            modules: [UtilModule()], environment: ["HOME": "/home/op", "GREETING_FROM_ENV": "hi from env"])
        let result = await shell.run(source, origin: "\(Self.directory)/\(name).r2s", arguments: arguments)
        let prefix = Self.directory + "/"
        #expect(result.out.replacingOccurrences(of: prefix, with: "") == expectedOut)
        #expect(result.err.replacingOccurrences(of: prefix, with: "") == expectedErr)
        #expect(result.status.rawValue == expectedStatus)
    }
}
