import BackendSupport
import Catalog
import Foundation
import R2SCore
import Testing

/// One behaviour contract, run against every store. Every test that reads "all" rows has more
/// than 1,000 of them, so a store that stops at a server's row cap fails.
@Suite struct CatalogContractTests {
    @Test("insert returns rows in input order and a full read streams them all in id order", arguments: StoreKind.allCases)
    func insertAndReadAll(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            let input = Rows.make(1234)
            let stored = try await f.store.insert(input)
            #expect(stored.map(\.url) == input.map(\.url))
            #expect(stored.allSatisfy { $0.createdAt != nil && $0.updatedAt != nil && $0.deletedAt == nil })
            #expect(stored[7].nome == "arquivo 7 ção.pdf" && stored[7].size == 70 && stored[7].contentType == "application/pdf")

            var pages: [[CatalogRecord]] = []
            for try await page in f.store.records(RecordQuery(pageSize: 500)) { pages.append(page) }
            let all = pages.flatMap { $0 }
            #expect(all.count == 1234)
            #expect(pages.allSatisfy { $0.count <= 500 })
            #expect(Set(all.map(\.id)) == Set(stored.map(\.id)))
            let ids = all.map { $0.id.uuidString.lowercased() }
            #expect(ids == ids.sorted())
            #expect(try await f.store.count(RecordQuery()) == 1234)
            let one = try await f.store.record(id: stored[100].id)
            #expect(one == stored[100])
            #expect(try await f.store.record(id: UUID()) == nil)
        }
    }

    @Test("url prefixes with spaces, +, %, _, *, unicode scope reads exactly", arguments: StoreKind.allCases)
    func weirdPrefixes(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            let base = "https://cdn.example.com/"
            let special = [
                "a b/1.pdf", "a+b/1.pdf", "a%b/1.pdf", "a_b/1.pdf", "aXb/1.pdf", "ação/日本.png", "A%20B/x.pdf", "a%20b/y.pdf",
                "a*b/1.pdf", "azb/1.pdf", "a?b/1", "a[b]/1", "a\\b/1", "Ação/x",
            ]
            _ = try await f.store.insert(special.map { NewRecord(nome: $0, url: base + $0) } + Rows.make(1100))
            func scoped(_ prefixes: [String]) async throws -> [String] {
                let q = RecordQuery(urlPrefixes: prefixes.map { base + $0 })
                let urls = try await f.store.allRecords(q).map { String($0.url.dropFirst(base.count)) }.sorted()
                #expect(try await f.store.count(q) == urls.count)
                return urls
            }
            #expect(try await scoped(["a_b/"]) == ["a_b/1.pdf"])
            #expect(try await scoped(["a%b/"]) == ["a%b/1.pdf"])
            #expect(try await scoped(["a b/"]) == ["a b/1.pdf"])
            #expect(try await scoped(["a+b/"]) == ["a+b/1.pdf"])
            #expect(try await scoped(["a*b/"]) == ["a*b/1.pdf"])
            #expect(try await scoped(["a?b/"]) == ["a?b/1"])
            #expect(try await scoped(["a[b]/"]) == ["a[b]/1"])
            #expect(try await scoped(["a\\b/"]) == ["a\\b/1"])
            #expect(try await scoped(["ação/"]) == ["ação/日本.png"])
            #expect(try await scoped(["a%20b/"]) == ["a%20b/y.pdf"])
            #expect(try await scoped(["a%20b/", "A%20B/"]) == ["A%20B/x.pdf", "a%20b/y.pdf"])
            #expect(try await scoped(["nothing/"]) == [])
            #expect(try await scoped(["fill/"]).count == 1100)
        }
    }

    @Test("content types match exactly or by family", arguments: StoreKind.allCases)
    func contentTypes(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            var rows = Rows.make(1001, type: "application/pdf")
            rows += [
                NewRecord(nome: "a", url: "u/a.png", contentType: "image/png"),
                NewRecord(nome: "b", url: "u/b.jpg", contentType: "image/jpeg"),
                NewRecord(nome: "c", url: "u/c", contentType: nil),
                NewRecord(nome: "d", url: "u/d", contentType: "imagex/png"),
            ]
            _ = try await f.store.insert(rows)
            func types(_ t: [String]) async throws -> Int {
                let q = RecordQuery(contentTypes: t)
                let n = try await f.store.allRecords(q).count
                #expect(try await f.store.count(q) == n)
                return n
            }
            #expect(try await types(["image/*"]) == 2)
            #expect(try await types(["image/png"]) == 1)
            #expect(try await types(["application/pdf"]) == 1001)
            #expect(try await types(["image/png", "application/pdf"]) == 1002)
            #expect(try await types(["*/*"]) == 1005)
            #expect(try await types(["video/*"]) == 0)
        }
    }

    @Test("soft-delete and restore change each row once and are idempotent", arguments: StoreKind.allCases)
    func softDeleteRestore(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            let stored = try await f.store.insert(Rows.make(1050))
            let victims = Array(stored.prefix(600)).map(\.id)
            #expect(try await f.store.softDelete(ids: victims, actor: nil) == 600)
            #expect(try await f.store.softDelete(ids: victims, actor: nil) == 0)
            #expect(try await f.store.count(RecordQuery(deleted: .exclude)) == 450)
            #expect(try await f.store.count(RecordQuery(deleted: .only)) == 600)
            #expect(try await f.store.count(RecordQuery(deleted: .include)) == 1050)
            let deleted = try await f.store.allRecords(RecordQuery(deleted: .only))
            #expect(Set(deleted.map(\.id)) == Set(victims))
            #expect(deleted.allSatisfy { $0.deletedAt != nil && $0.isDeleted })
            #expect(try await f.store.allRecords(RecordQuery(deleted: .include)).count == 1050)
            // Both states come back by url.
            let byURL = try await f.store.records(urls: [stored[0].url, stored[1000].url, "nope"])
            #expect(Set(byURL.map(\.id)) == [stored[0].id, stored[1000].id])

            let restoreIds = victims + stored.suffix(10).map(\.id)
            #expect(try await f.store.restore(ids: restoreIds, actor: nil) == 600)
            #expect(try await f.store.restore(ids: restoreIds, actor: nil) == 0)
            #expect(try await f.store.count(RecordQuery()) == 1050)
            #expect(try await f.store.record(id: victims[0])?.deletedAt == nil)
            #expect(try await f.store.softDelete(ids: [], actor: nil) == 0)
        }
    }

    @Test("update changes the given fields and clears referencia", arguments: StoreKind.allCases)
    func update(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            let row = try await f.store.insert([NewRecord(nome: "x", url: "https://c/x", contentType: "text/plain", size: 1)])[0]
            let ref = UUID()
            var changes = RecordChanges(nome: "y ç", url: "https://c/y", contentType: "image/png", size: 99)
            changes.referencia = .some((tipo: "ficha", id: ref))
            let updated = try await f.store.update(id: row.id, changes, actor: nil)
            #expect(updated.nome == "y ç" && updated.url == "https://c/y" && updated.contentType == "image/png")
            #expect(updated.size == 99 && updated.tipoReferencia == "ficha" && updated.referenciaId == ref)
            #expect(updated.createdAt == row.createdAt)
            var clear = RecordChanges()
            clear.referencia = .some(nil)
            let cleared = try await f.store.update(id: row.id, clear, actor: nil)
            #expect(cleared.tipoReferencia == nil && cleared.referenciaId == nil && cleared.nome == "y ç")
            await #expect(throws: CatalogError.self) { try await f.store.update(id: UUID(), RecordChanges(nome: "z"), actor: nil) }
        }
    }

    @Test("a second sync lock on the same catalog is refused while the first is held", arguments: StoreKind.allCases)
    func lockContention(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
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
    }

    @Test("a size above the column's limit is an error and writes nothing", arguments: StoreKind.allCases)
    func sizeOverflow(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
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
    }

    @Test("a created_by that is not in usuarios is a foreign-key error with a hint", arguments: StoreKind.allCases)
    func foreignKey(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            await #expect {
                _ = try await f.store.insert([NewRecord(nome: "a", url: "https://c/a", createdBy: UUID())])
            } throws: { e in
                guard let e = e as? CatalogError else { return false }
                return e.code == .foreignKey && e.hint?.contains("R2S_ACTOR") == true
            }
        }
    }

    @Test("the actor is written to created_by / updated_by", arguments: StoreKind.allCases)
    func actorColumns(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
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
    }

    @Test("init refuses an existing table; check finds nothing wrong with a fresh one", arguments: StoreKind.allCases)
    func initAndCheck(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
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
    }

    @Test("withTransaction commits on return and rolls back on throw", arguments: StoreKind.allCases)
    func transactions(kind: StoreKind) async throws {
        struct Boom: Error {}
        try await StoreFixture.with(kind) { f in
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
}
