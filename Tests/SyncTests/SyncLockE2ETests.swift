import BackendSupport
import Catalog
import CatalogPostgREST
import CatalogPostgres
import Foundation
import HTTP
import ObjectStore
import R2SCore
import R2STestSupport
import SyncEngine
import SyncModule
import Testing

/// `sync` and the one lock: every path to the table (direct Postgres, a transaction pooler,
/// PostgREST) refuses while another's lease is live, and an interactive prompt holds no lock.
@Suite struct SyncLockE2ETests {
    /// A PostgREST store on the same table as `e` (the admin's path beside a cron's DATABASE_URL).
    static func restCatalog(_ e: E2E) throws -> PostgRESTCatalog? {
        guard let rest = TestServers.postgrest() else { return nil }
        let transport = HTTPClientTransport(client: try HTTPClient(configuration: HTTPClient.Configuration()))
        return try PostgRESTCatalog(url: rest.url, key: rest.key, table: e.table, transport: transport)
    }

    /// The same bucket and table, but another catalog path.
    static func twin(_ e: E2E, _ catalog: any CatalogStore) -> E2E {
        E2E(backend: e.backend, store: e.store, catalog: catalog, pgURL: e.pgURL, table: e.table)
    }

    @Test("a sync over PostgREST is refused while a sync over DATABASE_URL holds the lock, and vice versa: no duplicate rows")
    func crossPathSync() async throws {
        try await E2E.with(.postgres) { e in
            guard let rest = try Self.restCatalog(e) else { return }
            try await e.put((0..<20).map { "x/\($0).pdf" })
            let overREST = Self.twin(e, rest)
            let refused = try await e.catalog.withSyncLock { await overREST.shell().run("sync --min-age 0s") }
            #expect(refused.status == .refused, "\(refused.err)")
            #expect(try await e.activeURLs().isEmpty)
            let refusedBack = try await rest.withSyncLock { await e.shell().run("sync --min-age 0s") }
            #expect(refusedBack.status == .refused, "\(refusedBack.err)")
            #expect(try await e.activeURLs().isEmpty)
            // One after the other: each url once.
            #expect(await e.shell().run("sync --min-age 0s").status == .ok)
            #expect(await overREST.shell().run("sync --min-age 0s").status == .ok)
            let urls = try await e.activeURLs()
            #expect(urls.count == 20 && Set(urls).count == 20)
        }
    }

    @Test("two syncs through a transaction-mode pooler (PgBouncer): the second is refused and changes nothing")
    func poolerSync() async throws {
        try await E2E.with(.postgres) { e in
            guard let bouncer = TestServers.pgbouncer() else { return }
            try await e.put(["p/a.pdf", "p/b.pdf"])
            let first = try PostgresCatalog(url: bouncer.url, table: e.table)
            let second = Self.twin(e, try PostgresCatalog(url: bouncer.url, table: e.table))
            let refused = try await first.withSyncLock { await second.shell().run("sync --min-age 0s") }
            #expect(refused.status == .refused, "\(refused.err)")
            #expect(refused.err.contains("another sync"))
            #expect(try await e.activeURLs().isEmpty)
            #expect(await second.shell().run("sync --min-age 0s").status == .ok)
            #expect(try await e.activeURLs().count == 2)
        }
    }

    @Test("an interactive sync holds no lock at its prompt; after yes it re-checks and applies only what still holds", arguments: Backend.allCases)
    func promptHoldsNoLock(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["q/a.pdf", "q/b.pdf"])
            try await e.rows(["q/gone.pdf"])
            let lockFree = LockedBox(false)
            let confirm: @Sendable (SyncResult) async -> Bool = { asked in
                // A cron sync could take the lock now…
                if (try? await e.catalog.withSyncLock { true }) == true { lockFree.set(true) }
                // …and the bucket changes while the operator reads the question.
                _ = try? await e.store.delete(keys: ["q/b.pdf"])
                try? await e.put(["q/c.pdf"])
                return asked.plan.additions.count == 2
            }
            let result = try await e.engine().sync(
                SyncOptions(minAge: .zero, maxDelete: .percent(100)), observer: { _ in }, confirm: confirm, interactive: true)
            #expect(lockFree.value, "the prompt held the sync lock")
            #expect(result.applied)
            // b.pdf's addition no longer holds; c.pdf's was never approved.
            #expect(result.changedMeanwhile?.dropped == 1 && result.changedMeanwhile?.appeared == 1)
            #expect(result.summary.added == 1 && result.summary.removed == 1)
            #expect(try await e.activeURLs() == [e.mapping.url(for: "q/a.pdf")])
        }
    }

    @Test("sync --wait waits for the other sync's lock, then runs; without it the refusal names the holder once")
    func syncWaits() async throws {
        try await E2E.with(.postgres) { e in
            guard let rest = try Self.restCatalog(e) else { return }
            try await e.put(["w/a.pdf"])
            let waiting = AsyncStream<Void>.makeStream(), holding = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await rest.withSyncLock {
                    holding.continuation.yield()
                    for await _ in waiting.stream { break }
                }
            }
            // Until the holder has its lease, a refusal would be for the wrong reason.
            for await _ in holding.stream { break }
            let refused = await e.shell().run("sync --min-age 0s")
            #expect(refused.status == .refused)
            #expect(refused.err.components(separatedBy: "pid \(getpid())").count == 2, "\(refused.err)")
            #expect(refused.err.contains("--wait"))
            #expect(await e.shell().run("sync --min-age 0s --wait 1s").status == .refused)
            // The holder lets go once the waiting sync has said that it waits.
            let notes = LockedBox<[String]>([])
            var options = SyncOptions(minAge: .zero)
            options.lockWait = .seconds(120)
            let result = try await e.engine().sync(options, observer: { event in
                if case .lock(let text) = event {
                    notes.set(notes.value + [text.en])
                    waiting.continuation.yield()
                }
            }, confirm: { _ in true })
            try await holder.value
            #expect(result.applied && result.summary.added == 1)
            #expect(notes.value.count == 1 && notes.value[0].contains("waiting up to 2m"), "\(notes.value)")
            #expect(try await e.activeURLs() == [e.mapping.url(for: "w/a.pdf")])
        }
    }
}

/// A value set from a `@Sendable` closure.
final class LockedBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func set(_ value: T) { lock.withLock { stored = value } }
}
