import Catalog
import Foundation
import R2SCore
import Testing

// The contract's checks of what rows a store keeps and reads back (queries, states, updates).
extension CatalogContract {
    /// insert returns rows in input order and a full read streams them all in id order.
    static func insertAndReadAll(_ f: StoreFixture) async throws {
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

    /// url prefixes with spaces, +, %, _, *, unicode scope reads exactly.
    static func weirdPrefixes(_ f: StoreFixture) async throws {
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

    /// content types match exactly or by family.
    static func contentTypes(_ f: StoreFixture) async throws {
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

    /// soft-delete and restore change each row once and are idempotent.
    static func softDeleteRestore(_ f: StoreFixture) async throws {
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

    /// update changes the given fields and clears referencia.
    static func update(_ f: StoreFixture) async throws {
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
