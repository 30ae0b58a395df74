import BackendSupport
import Catalog
import CatalogPostgres
import Foundation
import ObjectStore
import Postgres
import R2STestSupport
import S3
import Testing

/// The status line of folder transfers (issue 16: "with progress on a terminal"), through the
/// real executable on a pseudo-terminal: for upload -r, download -r, mv and rm of a folder it
/// appears, its count only grows up to the total, and it is erased before r2s exits; with the
/// output in a file there is none of it (no carriage return, no escape sequence).
@Suite(.serialized) struct ProgressTerminalTests {
    /// More than one batch of mv (FolderMover.batchSize) and of rm with the trash (RmExecution.chunk).
    static let files = 600
    static let clear = "\r\u{1B}[2K"

    @Test("upload -r, download -r, mv and rm of a folder draw one status line on a terminal and clear it; none in a file")
    func statusLines() async throws {
        guard let s3 = TestServers.s3(), let pg = TestServers.postgres(), let r2s = TerminalRun.binary(), TerminalRun.hasScript()
        else { return }
        let id = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let bucket = "r2s-progress-\(id)"
        let table = "progress_\(id)"
        let dir = NSTemporaryDirectory() + "r2s-progress-\(id)"
        let store = try S3Client(configuration: try S3Configuration(settings: s3.settings(bucket: bucket)))
        let trash = try S3Client(configuration: try S3Configuration(settings: s3.settings(bucket: bucket + "-trash")))
        try await store.createBucket(bucket)
        try await trash.createBucket(bucket + "-trash")
        try await PostgresSetup.once(pg.url)
        try await PostgresCatalog(url: pg.url, table: String(table)).initialize(withUsuarios: false)
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            _ = try? Postgres.Connection(url: pg.url).execute("DROP TABLE IF EXISTS \"\(table)\"")
        }
        let source = dir + "/src/scans"
        for i in 0..<Self.files {
            let folder = source + "/d\(i % 3)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("file \(i)\n".utf8).write(to: URL(fileURLWithPath: folder + "/f\(i).txt"))
        }
        var env = s3.settings(bucket: bucket)
        env.merge([
            "R2_PUBLIC_URL": "https://files.progress.example", "DATABASE_URL": pg.url, "R2S_TABLE": String(table),
            "R2S_TRASH": bucket + "-trash", "HOME": dir, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color",
            "XDG_CONFIG_HOME": dir + "/config", "XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data",
        ]) { _, new in new }
        let total = Self.files
        func terminal(_ command: String, verb: String, counts pattern: String) async throws {
            let run = try await TerminalRun.onTerminal(r2s, command, environment: env, in: dir)
            #expect(run.status == 0, "\(command): \(run.bytes.suffix(2000))")
            let counts = Self.statusCounts(run.bytes, verb: verb, pattern: pattern)
            // It appears, and updates: at least a first and a last drawing, the count never going back.
            #expect(counts.count >= 2 && counts == counts.sorted(), "\(command): \(counts)")
            #expect(counts.last == total, "\(command): \(counts)")
            // Erased before anything else is written, and before r2s exits.
            #expect(Self.clearedEachTime(run.bytes, verb: verb), "\(command): \(run.bytes.suffix(3000).debugDescription)")
        }
        func plain(_ command: String) async throws {
            let run = try await TerminalRun.plain(r2s, command, environment: env, in: dir)
            #expect(run.status == 0, "\(command): \(run.bytes.suffix(2000))")
            #expect(!run.bytes.contains("\r") && !run.bytes.contains("\u{1B}"), "\(command): \(run.bytes.prefix(500).debugDescription)")
        }
        let counted = #"^(\d+)/"# + String(total) + " · "
        try await terminal("upload -r '\(source)' --to a", verb: "uploading", counts: counted)
        try await plain("upload -r '\(source)' --to b")
        try await plain("upload -r '\(source)' --to e")
        #expect(try await store.listAll().count == 3 * total)
        for folder in ["down-tty", "down-plain"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + folder, withIntermediateDirectories: true)
        }
        try await terminal("download -r a/scans '\(dir)/down-tty'", verb: "downloading", counts: counted)
        try await plain("download -r b/scans '\(dir)/down-plain'")
        // mv lists the folder page by page: its line counts without a total.
        try await terminal("mv a/scans/ c/", verb: "moving", counts: #"^(\d+) · "#)
        try await plain("mv b/scans/ d/")
        try await terminal("rm -r c --yes", verb: "removing", counts: counted)
        try await terminal("rm -r e --yes --no-trash", verb: "removing", counts: counted)
        try await plain("rm -r d --yes")
        #expect(try await store.listAll().isEmpty)
        #expect(try await trash.listAll().count == 2 * total)
        for client in [store, trash] {
            if let keys = try? await client.listAll().map(\.key), !keys.isEmpty { _ = try? await client.delete(keys: keys) }
        }
        try? await store.deleteBucket(bucket)
        try? await trash.deleteBucket(bucket + "-trash")
    }

    /// The counts of every drawing of the status line `VERB …` in a terminal's bytes (each
    /// drawing erases the line first); `pattern` captures the count right after the verb.
    static func statusCounts(_ raw: String, verb: String, pattern: String) -> [Int] {
        raw.components(separatedBy: clear + verb + " ").dropFirst().compactMap { drawing in
            guard let match = drawing.range(of: pattern, options: .regularExpression) else { return -1 }
            let digits = drawing[match].prefix { $0.isNumber }
            return Int(digits)
        }
    }

    /// True when no other byte reaches the terminal between a drawing of the status line and the
    /// erase (or the next drawing) that follows it, and the last drawing is erased before exit.
    static func clearedEachTime(_ raw: String, verb: String) -> Bool {
        let drawings = Array(raw.components(separatedBy: clear + verb + " ").dropFirst())
        guard let last = drawings.last, last.contains(clear) else { return false }
        return drawings.allSatisfy { drawing in
            // The status text, up to the next erase: it never ends a line (output written over it would).
            !(drawing.components(separatedBy: clear).first ?? "").contains("\n")
        }
    }
}
