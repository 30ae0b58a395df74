import BackendSupport
import Catalog
import Foundation
import ObjectStore
import R2SCore
import R2STestSupport
import SyncEngine
import Testing

/// The app writing between sync's read and its apply (issue 13), on real stores: the write the
/// app made wins, and sync neither duplicates, resurrects nor deletes what the app just touched.
/// The app's writes run in the engine's confirmation step, after the plan and before the apply.
@Suite(.serialized) struct ApplyRaceTests {
    @Test("an app insert (raw url) for a key sync would add, an app soft-delete of a row it would restore, an app edit of a row it would soft-delete",
          arguments: Backend.allCases)
    func appWritesWin(_ backend: Backend) async throws {
        try await E2E.with(backend) { e in
            try await e.put(["race/a b.txt", "race/restore.txt", "race/add.txt"])
            let restoreRow = try #require(try await e.rows(["race/restore.txt"]).first)
            _ = try await e.catalog.softDelete(ids: [restoreRow.id], actor: nil)
            // Sync restores only a row whose object came back after its deletion (beyond the
            // clocks' 5 s tolerance, docs/sync.md): the file is uploaded again.
            try await Task.sleep(for: .seconds(6))
            try await e.put(["race/restore.txt"])
            let removeRow = try #require(try await e.rows(["race/remove.txt"]).first)
            try await e.rows(["race/gone.txt"])
            // Everything above is older than the cutoff: --min-age 0 at this instant.
            try await Task.sleep(for: .milliseconds(20))
            let options = SyncOptions(minAge: .seconds(0), now: Date())
            try await Task.sleep(for: .milliseconds(20))

            let catalog = e.catalog
            let result = try await e.engine().sync(options, observer: { _ in }) { result in
                // What sync planned, before the app's writes.
                #expect(result.plan.additions.map(\.key).sorted() == ["race/a b.txt", "race/add.txt"])
                #expect(result.plan.restorations.map(\.id) == [restoreRow.id])
                #expect(result.plan.removals.map(\.id).count == 2)
                do {
                    // The app uploads "a b.txt" itself and writes its row raw ("a b", not "a%20b").
                    _ = try await catalog.insert([NewRecord(nome: "a b.txt", url: E2E.base + "/race/a b.txt", contentType: "text/plain", size: 3)])
                    // The app restores the row and deletes it again (its own delete flow).
                    _ = try await catalog.restore(ids: [restoreRow.id], actor: nil)
                    _ = try await catalog.softDelete(ids: [restoreRow.id], actor: nil)
                    // The app edits the row whose file sync saw missing (a re-upload in progress).
                    _ = try await catalog.update(id: removeRow.id, RecordChanges(size: 3), actor: nil)
                } catch {
                    Issue.record("app write failed: \(error)")
                }
                return true
            }
            #expect(result.applied)
            #expect(result.summary.added == 1 && result.summary.restored == 0 && result.summary.removed == 1, "\(result.summary)")

            let rows = try await e.allRows()
            let spaced = rows.filter { $0.url.hasSuffix("/race/a b.txt") || $0.url.hasSuffix("/race/a%20b.txt") }
            #expect(spaced.count == 1 && spaced[0].url == E2E.base + "/race/a b.txt", "no duplicate of the app's row")
            #expect(rows.first { $0.id == restoreRow.id }?.deletedAt != nil, "the app's soft-delete is not undone")
            #expect(rows.first { $0.id == removeRow.id }?.deletedAt == nil, "the row the app just edited is not deleted")
            #expect(rows.filter { $0.url == e.mapping.url(for: "race/add.txt") && $0.deletedAt == nil }.count == 1)
            #expect(rows.first { $0.url == e.mapping.url(for: "race/gone.txt") }?.deletedAt != nil)
        }
    }
}
