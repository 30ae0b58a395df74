import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import Synchronization
import Scope
import SyncEngine
import Testing

/// The engine end to end over in-memory fakes: guards, failures, batching, lock, idempotence.
@Suite struct EngineTests {
    static let mapping = TestMapping.make()
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    func engine(_ store: FakeObjectStore, _ catalog: FakeCatalog, scope: Scope = testScope()) -> SyncEngine {
        SyncEngine(objectStore: store, catalog: catalog, mapping: Self.mapping, scope: scope)
    }

    func options(_ configure: (inout SyncOptions) -> Void = { _ in }) -> SyncOptions {
        var o = SyncOptions(now: Self.now)
        configure(&o)
        return o
    }

    func sync(_ e: SyncEngine, _ o: SyncOptions, confirm: Bool = true) async throws -> SyncResult {
        try await e.sync(o, observer: { _ in }, confirm: { _ in confirm })
    }

    @Test("drift both ways is fixed, and a second run changes nothing")
    func driftBothWays() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        for i in 0..<20 { store.put("docs/\(i).pdf") }
        for i in 0..<18 { catalog.add(Self.mapping.url(for: "docs/\(i).pdf")) }
        for i in 0..<3 { catalog.add(Self.mapping.url(for: "docs/gone\(i).pdf")) }
        let first = try await sync(engine(store, catalog), options())
        #expect(first.applied && first.summary.added == 2 && first.summary.removed == 3)
        #expect(catalog.active.count == 20)
        let writes = catalog.writeCalls
        let second = try await sync(engine(store, catalog), options())
        #expect(second.plan.isEmpty && !second.applied)
        #expect(second.summary.unchanged == 20)
        #expect(catalog.writeCalls == writes)
    }

    @Test("a listing that fails part-way changes nothing and says so (exit 3)")
    func listingFails() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        for i in 0..<50 { store.put("k\(i).pdf") }
        for i in 0..<50 { catalog.add(Self.mapping.url(for: "k\(i).pdf")) }
        store.failAfterPages = 2
        let error = await #expect(throws: SyncError.self) {
            try await sync(engine(store, catalog), options { $0.listPageSize = 10 })
        }
        #expect(error?.exitStatus == .config)
        #expect(error?.localizedMessage(.ptBR).contains("nada foi alterado") == true)
        #expect(error?.cause is FakeFailure)
        #expect(catalog.writeCalls == 0 && catalog.active.count == 50)
    }

    @Test("a wrapped error keeps its own type and never prints its payload")
    func typedCause() {
        struct TokenFailure: Error { let url = "https://cdn.example.com/a.pdf?token=s3cr3t-t0ken" }
        for error in [
            SyncError.listingFailed(cause: TokenFailure()), .catalogFailed(cause: TokenFailure()),
            .applyFailed(cause: TokenFailure(), done: 1, total: 2), .locked(cause: TokenFailure()),
        ] {
            #expect(error.cause is TokenFailure)
            let shown = ["\(error)", String(reflecting: error), error.userMessage, error.localizedMessage(.ptBR), error.hint ?? ""]
            #expect(shown.allSatisfy { !$0.contains("s3cr3t") }, "\(shown)")
        }
        let typed = SyncError.catalogFailed(cause: CatalogError(.connection, "cannot reach the catalog"))
        #expect((typed.cause as? CatalogError)?.code == .connection)
        #expect(typed.exitStatus == CatalogError(.connection, "x").exitStatus)
    }

    @Test("a catalog read that fails part-way changes nothing")
    func catalogFails() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        store.put("new.pdf")
        catalog.add(Self.mapping.url(for: "old.pdf"))
        catalog.failReads = true
        await #expect(throws: SyncError.self) { try await sync(engine(store, catalog), options()) }
        #expect(catalog.writeCalls == 0)
    }

    @Test("an empty listing with a non-empty scoped catalog is refused (exit 4) unless --allow-empty")
    func emptyBucket() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        for i in 0..<5 { catalog.add(Self.mapping.url(for: "k\(i).pdf")) }
        let refused = try await sync(engine(store, catalog), options())
        #expect(refused.refusal == .emptyBucket(records: 5))
        #expect(refused.refusal?.exitStatus == .refused)
        #expect(refused.refusal?.localizedHint(.en)?.contains("--allow-empty") == true)
        #expect(catalog.writeCalls == 0)
        let allowed = try await sync(engine(store, catalog), options { $0.allowEmptyBucket = true })
        #expect(allowed.applied && catalog.active.isEmpty)
    }

    @Test("deletions over --max-delete are refused before any change; the default is max(10 %, 100)")
    func maxDelete() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        store.put("keep.pdf")
        catalog.add(Self.mapping.url(for: "keep.pdf"))
        for i in 0..<150 { catalog.add(Self.mapping.url(for: "gone\(i).pdf")) }
        store.put("added.pdf")
        let refused = try await sync(engine(store, catalog), options())
        #expect(refused.refusal == .tooManyDeletes(planned: 150, limit: 100, setting: "auto"))
        #expect(catalog.writeCalls == 0 && catalog.active.count == 151)
        let counted = try await sync(engine(store, catalog), options { $0.maxDelete = .count(149) })
        #expect(counted.refusal != nil)
        let percent = try await sync(engine(store, catalog), options { $0.maxDelete = .percent(100) })
        #expect(percent.applied && catalog.active.count == 2)
    }

    @Test("--dry-run changes nothing and takes no lock")
    func dryRun() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        store.put("a.pdf")
        catalog.add(Self.mapping.url(for: "b.pdf"))
        let held = Mutex<SyncResult?>(nil)
        // Run the dry run while another holder has the lock: it must still work.
        _ = try await catalog.withSyncLock {
            let r = try await sync(engine(store, catalog), options { $0.dryRun = true })
            held.withLock { $0 = r }
        }
        let result = try #require(held.withLock { $0 })
        #expect(result.summary.dryRun && result.summary.added == 1 && result.summary.removed == 1 && !result.applied)
        #expect(catalog.writeCalls == 0)
    }

    @Test("a second sync while one holds the lock is refused with exit 4")
    func lockHeld() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        store.put("a.pdf")
        try await catalog.withSyncLock {
            let error = await #expect(throws: SyncError.self) { try await sync(engine(store, catalog), options()) }
            #expect(error?.exitStatus == .refused)
        }
        #expect(catalog.writeCalls == 0)
    }

    @Test("declining the confirmation changes nothing")
    func declined() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        store.put("a.pdf")
        let result = try await sync(engine(store, catalog), options(), confirm: false)
        #expect(result.declined && !result.applied && catalog.writeCalls == 0)
    }

    @Test("5,000 adds and 5,000 soft-deletes take ≤ 30 catalog round trips, ≥ 500 rows per insert")
    func batching() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        for i in 0..<5000 { store.put(String(format: "n/%05d.pdf", i)) }
        for i in 0..<50_000 where i % 10 == 0 || i < 5000 {
            catalog.add(Self.mapping.url(for: String(format: "o/%05d.pdf", i)))
        }
        let active = catalog.active.count
        let result = try await sync(engine(store, catalog), options { $0.maxDelete = .percent(100) })
        #expect(result.summary.added == 5000)
        #expect(result.summary.removed == active)
        #expect(catalog.writeCalls + catalog.readPages <= 30 + (active / 1000) + 1)
        #expect(catalog.writeCalls <= 5 + (active + 999) / 1000)
    }

    @Test("a failure mid-apply reports progress; rerunning converges to the same end state")
    func applyFailureConverges() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        for i in 0..<2500 { store.put("a/\(i).pdf") }
        for i in 0..<300 { catalog.add(Self.mapping.url(for: "gone/\(i).pdf")) }
        catalog.failWriteCall = 2
        // One chunk per 1,000 changes: the first chunk commits, the second's write fails, so
        // `done` (committed changes) is 1,000.
        let error = await #expect(throws: SyncError.self) {
            try await sync(engine(store, catalog), options { $0.maxDelete = .count(300); $0.changesPerTransaction = 1000 })
        }
        if case .applyFailed(_, let done, let total) = error { #expect(done == 1000 && total == 2800) } else {
            Issue.record("expected applyFailed, got \(String(describing: error))")
        }
        catalog.failWriteCall = nil
        let rerun = try await sync(engine(store, catalog), options { $0.maxDelete = .count(300) })
        #expect(rerun.summary.added == 1500 && rerun.summary.removed == 300)
        #expect(catalog.active.count == 2500)
        #expect(Set(catalog.active.map(\.url)).count == 2500)
    }

    @Test("restore keeps the row (and its referencia_id); --no-restore adds a new one")
    func restoreVsNewRow() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        store.put("r.pdf", modified: Self.now.addingTimeInterval(-3600))  // uploaded again after the deletion
        let ref = UUID()
        let id = catalog.add(Self.mapping.url(for: "r.pdf"), deleted: Self.now.addingTimeInterval(-7200), referencia: ref)
        let noRestore = try await sync(engine(store, catalog), options { $0.restore = false; $0.dryRun = true })
        #expect(noRestore.summary.added == 1 && noRestore.summary.restored == 0)
        let result = try await sync(engine(store, catalog), options())
        #expect(result.summary.restored == 1 && result.summary.added == 0)
        #expect(catalog.row(id)?.deletedAt == nil && catalog.row(id)?.referenciaId == ref)
        #expect(catalog.active.count == 1)
    }

    @Test("--verify-types takes the type from HEAD")
    func verifyTypes() async throws {
        let store = FakeObjectStore(), catalog = FakeCatalog()
        store.put("scan.bin", type: "application/pdf")
        store.put("photo.bin", type: "image/png")
        let scope = testScope(types: ["application/pdf"])
        let plain = try await sync(engine(store, catalog, scope: scope), options { $0.dryRun = true })
        #expect(plain.summary.added == 0)
        let verified = try await sync(engine(store, catalog, scope: scope), options { $0.verifyTypes = true })
        #expect(verified.summary.added == 1)
        #expect(catalog.active.map(\.contentType) == ["application/pdf"])
        #expect(store.headCalls == 2)
    }

    @Test("overlapping scope prefixes are listed once")
    func prefixes() {
        #expect(SyncEngine.listPrefixes(["a/b/", "a/", "c/", "a/"]) == ["a/", "c/"])
        #expect(SyncEngine.listPrefixes(["x/", ""]) == [""])
        #expect(SyncEngine.listPrefixes([]) == [])
        #expect(SyncEngine.listPrefixes(["fichas/", "fichas2/"]) == ["fichas/", "fichas2/"])
    }
}

@Suite struct OptionParsingTests {
    @Test("--max-delete accepts counts and percentages", arguments: [
        ("250", MaxDelete.count(250)), ("0", .count(0)), ("5%", .percent(5)), ("100%", .percent(100)), ("12.5%", .percent(12.5)),
    ])
    func maxDeleteParses(_ text: String, _ expected: MaxDelete) {
        #expect(MaxDelete(parsing: text) == expected)
    }

    @Test("--max-delete rejects nonsense", arguments: ["", "-1", "101%", "ten", "5 %"])
    func maxDeleteRejects(_ text: String) { #expect(MaxDelete(parsing: text) == nil) }

    @Test("max-delete limits", arguments: [
        (MaxDelete.automatic, 50, 100), (.automatic, 5000, 500), (.count(7), 1000, 7), (.percent(50), 301, 150), (.percent(100), 3, 3),
    ])
    func limits(_ m: MaxDelete, _ rows: Int, _ expected: Int) { #expect(m.limit(activeRows: rows) == expected) }
}
