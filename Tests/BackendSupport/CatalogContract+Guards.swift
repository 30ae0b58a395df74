import Catalog
import Foundation
import R2SCore
import Testing

// The contract's checks of what a store refuses or guards: locks, column limits, foreign keys,
// the actor columns, the schema and transactions.
extension CatalogContract {
    /// a second sync lock on the same catalog is refused while the first is held.
    static func lockContention(_ f: StoreFixture) async throws {
        let other = try f.reopen()
        let refused: CatalogError? = try await f.store.withSyncLock {
            do {
                try await other.withSyncLock {}
                return nil
            } catch let e as CatalogError {
                return e
            }
        }
        #expect(refused?.code == .locked)
        #expect(refused?.exitStatus == .refused)
        #expect(refused?.userMessage.contains("another sync is running") == true)
        // Released: the other store gets it now.
        #expect(try await other.withSyncLock { 42 } == 42)
    }

    /// a size above the column's limit is an error and writes nothing.
    static func sizeOverflow(_ f: StoreFixture) async throws {
        let report = try await f.store.checkSchema()
        let big: Int64 = 3 * 1024 * 1024 * 1024
        let rows = Rows.make(3) + [NewRecord(nome: "big", url: "https://c/big", size: big)]
        if report.maxSize == Int64(Int32.max) {
            await #expect {
                _ = try await f.store.insert(rows)
            } throws: { ($0 as? CatalogError)?.code == .outOfRange && ($0 as? CatalogError)?.hint?.contains("BIGINT") == true }
            #expect(try await f.store.count(RecordQuery()) == 0)
            let ok = try await f.store.insert([NewRecord(nome: "max", url: "https://c/max", size: Int64(Int32.max))])
            #expect(ok[0].size == Int64(Int32.max))
            await #expect(throws: CatalogError.self) {
                _ = try await f.store.update(id: ok[0].id, RecordChanges(size: big), actor: nil)
            }
            #expect(try await f.store.record(id: ok[0].id)?.size == Int64(Int32.max))
        } else {
            #expect(report.maxSize == Int64.max)
            let stored = try await f.store.insert(rows)
            #expect(stored[3].size == big)
            #expect(try await f.store.record(id: stored[3].id)?.size == big)
        }
        await #expect(throws: CatalogError.self) {
            _ = try await f.store.insert([NewRecord(nome: "neg", url: "https://c/neg", size: -1)])
        }
    }

    /// a created_by that is not in usuarios is a foreign-key error with a hint.
    static func foreignKey(_ f: StoreFixture) async throws {
        await #expect {
            _ = try await f.store.insert([NewRecord(nome: "a", url: "https://c/a", createdBy: UUID())])
        } throws: { e in
            guard let e = e as? CatalogError else { return false }
            return e.code == .foreignKey && e.hint?.contains("R2S_ACTOR") == true
        }
    }

    /// the actor is written to created_by / updated_by.
    static func actorColumns(_ f: StoreFixture) async throws {
        let actor = try f.addUser()
        let row = try await f.store.insert([NewRecord(nome: "a", url: "https://c/a", createdBy: actor)])[0]
        #expect(row.createdBy == actor && row.updatedBy == nil)
        #expect(try await f.store.softDelete(ids: [row.id], actor: actor) == 1)
        let deleted = try await f.store.record(id: row.id)
        #expect(deleted?.updatedBy == actor && deleted?.deletedAt != nil)
        #expect(try await f.store.restore(ids: [row.id], actor: nil) == 1)
        #expect(try await f.store.record(id: row.id)?.updatedBy == nil)
        await #expect {
            _ = try await f.store.update(id: row.id, RecordChanges(nome: "b"), actor: UUID())
        } throws: { ($0 as? CatalogError)?.code == .foreignKey }
    }

    /// init refuses an existing table; check finds nothing wrong with a fresh one.
    static func initAndCheck(_ f: StoreFixture) async throws {
        await #expect {
            try await f.store.initialize(withUsuarios: false)
        } throws: { ($0 as? CatalogError)?.code == .tableExists }
        let report = try await f.store.checkSchema()
        #expect(report.tableExists)
        #expect(!report.findings.contains { $0.severity == .error })
        #expect(!report.findings.contains { $0.severity != .info && $0.message.contains("index") })
        _ = try await f.store.insert([NewRecord(nome: "a", url: "https://c/dup"), NewRecord(nome: "b", url: "https://c/dup")])
        let dup = try await f.store.checkSchema()
        #expect(dup.findings.contains { $0.message.contains("duplicate active urls: https://c/dup (×2)") })
    }

    /// withTransaction commits on return and rolls back on throw.
    static func transactions(_ f: StoreFixture) async throws {
        struct Boom: Error {}
        let kept = try await f.store.withTransaction { w in
            let rows = try await w.insert(Rows.make(5))
            return try await w.softDelete(ids: [rows[0].id], actor: nil)
        }
        #expect(kept == 1)
        #expect(try await f.store.count(RecordQuery(deleted: .include)) == 5)
        await #expect(throws: Boom.self) {
            try await f.store.withTransaction { w in
                _ = try await w.insert(Rows.make(7, prefix: "https://c/rolled/"))
                throw Boom()
            }
        }
        let expected = f.store.supportsTransactions ? 5 : 12
        #expect(try await f.store.count(RecordQuery(deleted: .include)) == expected)
    }
}
