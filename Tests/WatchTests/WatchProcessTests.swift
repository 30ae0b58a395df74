import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `r2s watch` as a real process (issue 18): SIGKILLed between its commit and its ack, and its
/// one-line status on a real pseudo-terminal.
@Suite(.serialized) struct WatchProcessTests {
    private func home() throws -> String {
        let home = NSTemporaryDirectory() + "r2s-watch-proc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return home
    }

    @Test("killed (SIGKILL) after its batch is committed and before the ack lands: a rerun converges to what sync produces")
    func killedBetweenCommitAndAck() async throws {
        try await WatchFixture.with(.postgres) { f in
            guard let r2s = WatchProcess.binary() else { return }
            let home = try home()
            defer { try? FileManager.default.removeItem(atPath: home) }
            try await f.put(["k/one.pdf", "k/two.pdf", "k/three.txt"])
            let gone = try await f.rows(["k/gone.pdf"])
            try await f.queue.send(
                ["k/one.pdf", "k/two.pdf", "k/three.txt"].map { QueueDouble.event("PutObject", bucket: f.bucket, key: $0) }
                    + [QueueDouble.event("DeleteObject", bucket: f.bucket, key: "k/gone.pdf")])
            // The double keeps every ack request unanswered: the process is then past its commit.
            try await f.queue.control("config", ["hold_acks": true])
            let process = try WatchProcess(
                [r2s, "-c", "watch --drain --min-age 0s --json"], environment: f.processEnvironment(home: home),
                outputPath: home + "/out")
            let held = try await f.waitForStats { $0["held"] ?? 0 >= 1 }
            #expect(held["held"] == 1 && held["acked"] == 0, "\(held) \(process.output)")
            // The batch is in the catalog before the ack was sent.
            let committed = try await f.snapshot()
            #expect(try await f.activeURLs() == ["k/one.pdf", "k/three.txt", "k/two.pdf"].map { f.mapping.url(for: $0) })
            process.kill(SIGKILL)
            #expect(await process.wait() == 128 + SIGKILL)
            try await f.queue.control("config", ["hold_acks": false])  // the held ack is dropped, never applied
            var stats = try await f.queue.stats()
            #expect(stats["acked"] == 0 && stats["leased"] == 4, "\(stats)")
            // The visibility timeout passes; the rerun (a real process again) gets everything once more.
            try await f.queue.control("expire", [:] as [String: Any])
            let rerun = try WatchProcess(
                [r2s, "-c", "watch --drain --min-age 0s --json"], environment: f.processEnvironment(home: home),
                outputPath: home + "/out2")
            #expect(await rerun.wait() == 0, "\(rerun.output)")
            // (a delete whose row is already soft-deleted is unchanged too)
            #expect(rerun.output.contains("\"pulled\":4,\"added\":0,\"removed\":0,\"restored\":0,\"updated\":0,\"unchanged\":4"),
                    "\(rerun.output)")
            stats = try await f.queue.stats()
            #expect(stats["acked"] == 4 && stats["leased"] == 0 && stats["ready"] == 0, "\(stats)")
            #expect(try await f.snapshot() == committed)
            #expect(try await f.catalog.allRecords(RecordQuery(deleted: .include)).first { $0.id == gone[0].id }?.deletedAt != nil)
            // The catalog equals what sync produces: a full sync now changes nothing.
            let sync = await f.shell().run("sync --min-age 0s --json")
            #expect(sync.out.contains("\"added\":0,\"removed\":0,\"restored\":0"), "\(sync.out)")
            #expect(try await f.snapshot() == committed)
        }
    }

    @Test("on a terminal, watch shows one status line (backlog, events/s, applied) and clears it before it exits")
    func statusLineOnATerminal() async throws {
        try await WatchFixture.with(.postgres) { f in
            guard let r2s = WatchProcess.binary() else { return }
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
                Issue.record("script(1) is not installed (util-linux, scripts/install-deps.sh --test)")
                return
            }
            let home = try home()
            defer { try? FileManager.default.removeItem(atPath: home) }
            let keys = (0..<40).map { "s/file\($0).txt" }
            try await f.put(keys)
            try await f.queue.send(keys.map { QueueDouble.event("PutObject", bucket: f.bucket, key: $0) })
            // script(1) runs r2s on a pseudo-terminal and records every byte it writes there.
            let typescript = home + "/typescript"
            let command = "'\(r2s)' -c 'watch --drain --min-age 0s --batch 5'"
            let process = try WatchProcess(
                ["/usr/bin/script", "-q", "-e", "-c", command, typescript], environment: f.processEnvironment(home: home),
                outputPath: home + "/out")
            #expect(await process.wait() == 0, "\(process.output)")
            let raw = try String(contentsOfFile: typescript, encoding: .utf8)
            let clear = "\r\u{1B}[2K"
            // Each status update redraws the same line: erase, then the text.
            let statuses = raw.components(separatedBy: clear + "watch: backlog ").dropFirst()
            #expect(!statuses.isEmpty, "\(raw.debugDescription)")
            #expect(statuses.allSatisfy { $0.range(of: #"^\d+ · \d+ events/s · \d+ applied"#, options: .regularExpression) != nil },
                    "\(raw.debugDescription)")
            // The applied count only grows (at most ten redraws a second: not every batch shows).
            let applied = statuses.compactMap { Int($0.split(separator: "·")[2].split(separator: " ")[0]) }
            #expect(applied.count == statuses.count && applied == applied.sorted(), "\(applied)")
            // Cleared before the closing log line: after the last status, an erase comes before any other text.
            let tail = try #require(statuses.last)
            let afterText = tail.drop { $0 != "\r" && $0 != "\u{1B}" }
            #expect(afterText.hasPrefix(clear), "\(tail.debugDescription)")
            #expect(afterText.contains("Watch finished: 40 events, 40 added"), "\(tail.debugDescription)")
        }
    }
}
