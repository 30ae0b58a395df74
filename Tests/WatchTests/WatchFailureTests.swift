import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import Testing

/// Failures: a refused token, undecodable bodies, HTTP 429/5xx, a running sync's lock.
@Suite(.serialized) struct WatchFailureTests {
    @Test("a wrong token stops with exit 3 and a hint naming the permissions; no token in any output")
    func wrongToken() async throws {
        try await WatchFixture.with(.postgres) { f in
            let wrong = "cf_wrongtoken_98765432100"
            let r = await f.shell(token: wrong).run("watch --drain --json")
            #expect(r.status == .config, "\(r.err)")
            #expect(r.err.contains("refused the API token (HTTP 401)"), "\(r.err)")
            #expect(r.err.contains("Queues → Edit"), "\(r.err)")
            let pt = await f.shell(token: wrong, language: .ptBR).run("watch --drain")
            #expect(pt.err.contains("a fila recusou o token da API"), "\(pt.err)")
            let show = await f.shell().run("profile show")
            for out in [r.out, r.err, pt.out, pt.err, show.out, show.err] {
                #expect(!out.contains(wrong) && !out.contains(f.queue.token))
            }
            #expect(show.out.contains("CLOUDFLARE_API_TOKEN"), "\(show.out)")
            // The right token: a full run's output holds it nowhere either.
            try await f.put(["t/a.pdf"])
            try await f.queue.send([QueueDouble.event("PutObject", bucket: f.bucket, key: "t/a.pdf")])
            let ok = await f.shell(language: .ptBR).run("watch --drain --json")
            #expect(ok.status == .ok, "\(ok.err)")
            #expect(ok.err.contains(" - INFO - Registro adicionado: a.pdf (URL: "), "\(ok.err)")  // sync's log format
            #expect(!ok.out.contains(f.queue.token) && !ok.err.contains(f.queue.token))
        }
    }

    @Test("bodies that are not R2 events are reported, never acked (exit 5), and dead-lettered by the queue")
    func undecodable() async throws {
        try await WatchFixture.with(.postgres) { f in
            try await f.put(["u/a.pdf"])
            try await f.queue.control("config", ["max_retries": 1])
            try await f.queue.send(raw: [("not json at all", "text"), (Data("{}".utf8).base64EncodedString(), "bytes")])
            try await f.queue.send([QueueDouble.event("PutObject", bucket: f.bucket, key: "u/a.pdf")])
            let r = await f.shell().run("watch --drain --json")
            #expect(r.status == .partial, "\(r.err)")
            #expect(r.out.contains("\"errors\":2,\"unacked\":2"), "\(r.out)")
            #expect(r.out.contains("\"added\":1"), "\(r.out)")
            #expect(r.err.contains("is not an R2 event notification"), "\(r.err)")
            // Delivered again (attempt 2 = 1 + max_retries), then dead-lettered.
            try await f.queue.control("expire", [:] as [String: Any])
            let again = await f.shell().run("watch --drain --json")
            #expect(again.status == .partial)
            try await f.queue.control("expire", [:] as [String: Any])
            let last = await f.shell().run("watch --drain --json")
            #expect(last.status == .ok, "\(last.out)")
            #expect(try await f.queue.stats()["dead"] == 2)
        }
    }

    @Test("HTTP 429 and 5xx on pull and ack back off and recover")
    func transientErrors() async throws {
        try await WatchFixture.with(.postgres) { f in
            try await f.put(["h/a.pdf"])
            try await f.queue.send([QueueDouble.event("PutObject", bucket: f.bucket, key: "h/a.pdf")])
            try await f.queue.control("config", ["fail_next": [
                ["status": 429, "count": 1, "verb": "pull"], ["status": 503, "count": 1, "verb": "pull"],
                ["status": 502, "count": 1, "verb": "ack"],
            ]])
            let r = await f.shell().run("watch --drain --json")
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.out.contains("\"added\":1"), "\(r.out)")
            #expect(r.err.contains("HTTP 429; trying again in"), "\(r.err)")
            #expect(r.err.contains("HTTP 502; trying again in"), "\(r.err)")
            #expect(try await f.queue.stats()["acked"] == 1)
        }
    }

    @Test("watch waits for a running sync's lock, then applies", arguments: Backend.seaweedFS)
    func waitsForSyncLock(_ backend: Backend) async throws {
        try await WatchFixture.with(backend) { f in
            try await f.put(["l/a.pdf"])
            try await f.queue.send([QueueDouble.event("PutObject", bucket: f.bucket, key: "l/a.pdf")])
            let release = AsyncStream<Void>.makeStream()
            let holder = await f.holdSyncLock(until: release.stream)
            // Refused at once without a wait: the batch is left to the queue.
            let refused = await f.shell().run("watch --drain --wait 0s --json")
            #expect(refused.err.contains("Batch not applied"), "\(refused.err)")
            #expect(try await f.activeURLs().isEmpty)
            try await f.queue.control("expire", [:] as [String: Any])
            let r = try await f.watchWhileLocked(release: release, "watch --drain --wait 1m --json")
            try await holder.value
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.err.contains("waiting up to 1m for the sync lock"), "\(r.err)")
            #expect(try await f.activeURLs() == [f.mapping.url(for: "l/a.pdf")])
        }
    }

    @Test("--reconcile-every runs a full sync of the scope: a change whose event was lost is caught")
    func reconcile() async throws {
        try await WatchFixture.with(.postgres) { f in
            try await f.put(["r/lost.pdf", "r/event.pdf"])  // lost.pdf's event never comes
            try await f.queue.send([QueueDouble.event("PutObject", bucket: f.bucket, key: "r/event.pdf")])
            // The batch waits over 1 s for a sync's lock, so the 1 s period is due right after it.
            let release = AsyncStream<Void>.makeStream()
            let holder = await f.holdSyncLock(until: release.stream)
            let r = try await f.watchWhileLocked(release: release, "watch --drain --reconcile-every 1s --wait 1m --json")
            try await holder.value
            #expect(r.status == .ok, "\(r.err)")
            #expect(r.out.contains("\"reconciles\":1"), "\(r.out)")
            #expect(r.err.contains("Full sync of the scope (--reconcile-every 1s)"), "\(r.err)")
            #expect(try await f.activeURLs() == ["r/event.pdf", "r/lost.pdf"].map { f.mapping.url(for: $0) })
        }
    }
}

extension WatchFixture {
    /// Runs `command` while a sync lock is held, and releases the lock (through `release`) only
    /// once watch said it waits for it and over a second has passed: no timing assumption.
    /// Holds the sync lock from another task, as a running sync would, until `release` yields;
    /// returns once the lock is held (await the task after releasing it).
    func holdSyncLock(until release: AsyncStream<Void>) async -> Task<Void, any Error> {
        let catalog = self.catalog
        let held = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await catalog.withSyncLock {
                held.continuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in held.stream { break }
        return holder
    }

    func watchWhileLocked(
        release: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation), _ command: String
    ) async throws -> (out: String, err: String, status: R2SCore.ExitStatus) {
        let console = BufferConsole()
        let run = Task { await self.shell(console: console).run(command) }
        let started = ContinuousClock.now
        // Bounded: a watch that never waits is released after 2 minutes and fails its expectations.
        while !console.errorOutput.contains("waiting up to") || ContinuousClock.now - started < .milliseconds(1500),
            ContinuousClock.now - started < .seconds(120)
        {
            try await Task.sleep(for: .milliseconds(50))
        }
        release.continuation.yield()
        return await run.value
    }
}
