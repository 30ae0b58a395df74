import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2STestSupport
import SyncEngine
import Testing

/// Issue 17 §3: the plan is applied in chunks, each in its own transaction. A catalog failure
/// between chunks (a real Postgres error, raised by a trigger on one row) keeps the committed
/// chunks; the rerun continues from them, inserts nothing twice and soft-deletes nothing wrongly.
@Suite("Checkpointed apply")
struct CheckpointTests {
    static let keys = (0..<30).map { String(format: "c/k%02d.txt", $0) }
    static let gone = (0..<10).map { String(format: "c/gone%02d.txt", $0) }

    static func options(maxDelete: MaxDelete = .percent(100)) -> SyncOptions {
        var options = SyncOptions(minAge: .zero, maxDelete: maxDelete, insertBatchSize: 2, updateBatchSize: 2)
        options.changesPerTransaction = 5
        return options
    }

    @Test("a failure between chunks keeps what was committed; the rerun converges with no row twice")
    func failureBetweenChunks() async throws {
        try await E2E.with(.postgres) { e in
            guard let pg = e.pgURL else { return }
            try await e.put(Self.keys)
            try await e.rows(Self.gone)
            let engine = e.engine()

            // Guards are decided on the complete plan: 10 deletions over a cap of 5 refuse before any chunk.
            let refused = try await engine.sync(Self.options(maxDelete: .count(5)), observer: { _ in }, confirm: { _ in true })
            #expect(refused.refusal != nil)
            #expect(try await e.allRows().count == Self.gone.count, "nothing was inserted before the refusal")

            let function = "boom_\(e.table)"
            try E2E.sql(pg, """
                CREATE FUNCTION \(function)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.url LIKE '%k17%' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$
                """)
            try E2E.sql(pg, "CREATE TRIGGER boom BEFORE INSERT ON \"\(e.table)\" FOR EACH ROW EXECUTE FUNCTION \(function)()")
            await #expect(throws: SyncError.self) {
                _ = try await engine.sync(Self.options(), observer: { _ in }, confirm: { _ in true })
            }
            // Chunks of 5 in key order: k00…k14 committed; k15…k19 (holding k17) rolled back.
            let afterCrash = try await e.allRows()
            let urls = Set(afterCrash.map(\.url))
            for key in Self.keys.prefix(15) { #expect(urls.contains(e.mapping.url(for: key)), "\(key) was committed") }
            for key in Self.keys[15..<20] { #expect(!urls.contains(e.mapping.url(for: key)), "\(key) was rolled back") }
            #expect(afterCrash.allSatisfy { $0.deletedAt == nil }, "soft-deletes come after the additions")

            try E2E.sql(pg, "DROP TRIGGER boom ON \"\(e.table)\"")
            try E2E.sql(pg, "DROP FUNCTION \(function)()")
            let rerun = try await engine.sync(Self.options(), observer: { _ in }, confirm: { _ in true })
            #expect(rerun.summary.added == 15, "only what was not committed")
            #expect(rerun.summary.removed == Self.gone.count)

            let rows = try await e.allRows()
            let active = rows.filter { $0.deletedAt == nil }.map(\.url)
            #expect(active.count == Set(active).count, "no row inserted twice")
            #expect(Set(active) == Set(Self.keys.map { e.mapping.url(for: $0) }), "the end state of an uninterrupted run")
            #expect(Set(rows.filter { $0.deletedAt != nil }.map(\.url)) == Set(Self.gone.map { e.mapping.url(for: $0) }))
            let again = try await engine.plan(Self.options()) { _ in }
            #expect(again.plan.isEmpty)
        }
    }
}
