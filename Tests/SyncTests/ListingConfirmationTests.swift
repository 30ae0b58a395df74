import BackendSupport
import Foundation
import ObjectStore
import R2STestSupport
import S3
import SyncEngine
import Synchronization
import Testing

/// Issue 17 §1, safety: a key a range listing misses turns into a wrongful soft-delete. SeaweedFS
/// skips the folder `a/` after `start-after=a b0` and still answers in byte order
/// (`RangeListingTests.quietSkip` shows it on the real server), so the order check cannot catch
/// it. After a range-listed read, every planned soft-delete is confirmed with a HEAD of its
/// candidate keys before the guards and the apply.
@Suite("Range-listed sync confirms its soft-deletes")
struct ListingConfirmationTests {
    /// SeaweedFS with the keys its own skip loses taken out of every page: the pages stay in byte
    /// order, exactly as the skip leaves them. HEAD and every other request go to the server.
    struct HidingStore: ForwardingObjectStore {
        let base: any ObjectStore
        let hidden: Set<[UInt8]>
        var listsRangesConcurrently: Bool { true }

        func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
            let (pages, hidden) = (base.list(options), hidden)
            return AsyncThrowingStream { continuation in
                let task = Task {
                    do {
                        for try await var page in pages {
                            page.objects.removeAll { hidden.contains(Array($0.key.utf8)) }
                            continuation.yield(page)
                        }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }
    }

    static let keys = ["0.txt", "1.txt", "3.txt", "a b0.txt", "a b1.txt", "a b2.txt", "a/x.txt", "a/y.txt", "b.txt"]
    static let skipped = ["a/x.txt", "a/y.txt"]

    static func options(concurrency: Int, dryRun: Bool = false) -> SyncOptions {
        var options = SyncOptions(dryRun: dryRun, minAge: .zero, maxDelete: .percent(100), listPageSize: 2)
        options.listConcurrency = concurrency
        return options
    }

    @Test("objects the range listing missed are not soft-deleted: HEAD finds them, the run warns and counts them")
    func missedObjectsStay() async throws {
        try await E2E.with(.postgres) { e in
            guard let client = e.store as? S3Client else {
                Issue.record("the postgres backend is expected on SeaweedFS")
                return
            }
            try await e.put(Self.keys)
            try await e.rows(Self.keys + ["gone.txt"])
            let store = HidingStore(base: client, hidden: Set(Self.skipped.map { Array($0.utf8) }))
            let engine = SyncEngine(objectStore: store, catalog: e.catalog, mapping: e.mapping, scope: testScope())
            let items = Mutex<[SyncItem]>([]), missed = Mutex<[String]>([])
            let result = try await engine.sync(
                Self.options(concurrency: 4), observer: { event in
                    if case .item(let item) = event { items.withLock { $0.append(item) } }
                    if case .listingMissed(let keys) = event { missed.withLock { $0 += keys } }
                }, confirm: { _ in true })
            #expect(missed.withLock { $0 }.sorted() == Self.skipped, "warned about")
            #expect(result.summary.listingMissed == 2, "counted")
            #expect(result.plan.removals.map(\.key) == ["gone.txt"], "only the row whose object is really gone")
            #expect(result.summary.removed == 1)
            let active = try await e.activeURLs()
            for key in Self.skipped { #expect(active.contains(e.mapping.url(for: key)), "\(key) was soft-deleted") }
            #expect(!active.contains(e.mapping.url(for: "gone.txt")))
            let removes = items.withLock { $0 }.filter { $0.kind == .remove }.compactMap(\.key)
            #expect(removes == ["gone.txt"], "the report says what was done")
            let kept = items.withLock { $0 }.filter { Self.skipped.contains($0.key ?? "") }
            #expect(kept.map(\.kind) == [.ok, .ok], "the missed objects are classified as listed")
            // The one-chain listing is not second-guessed: it has no start-after to trust.
            let sequential = try await engine.plan(Self.options(concurrency: 1, dryRun: true)) { _ in }
            #expect(sequential.summary.listingMissed == 0)
        }
    }
}
