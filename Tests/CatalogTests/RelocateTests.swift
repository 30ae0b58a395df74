import BackendSupport
import Catalog
import Foundation
import R2SCore
import Testing

/// `CatalogWriter.relocate` (a folder move's rows, issue 16): every store moves url and nome,
/// keeps nome when none is given, stamps the actor, and a row that is gone fails the batch.
@Suite struct RelocateTests {
    @Test("relocate points rows at new urls, nome only when given", arguments: StoreKind.allCases)
    func relocatesRows(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            let rows = try await f.store.insert([
                NewRecord(nome: "a.pdf", url: "https://c/old/a.pdf"), NewRecord(nome: "Capa", url: "https://c/old/b.pdf"),
                NewRecord(nome: "c.pdf", url: "https://c/old/c.pdf"),
            ])
            let actor = try f.addUser()
            let changed = try await f.store.withTransaction { w in
                try await w.relocate(
                    [
                        RowRelocation(id: rows[0].id, url: "https://c/new/a b.pdf", nome: "a b.pdf"),
                        RowRelocation(id: rows[1].id, url: "https://c/new/\"b\"\\.pdf"),
                    ], actor: actor)
            }
            #expect(changed == 2)
            let a = try #require(try await f.store.record(id: rows[0].id))
            let b = try #require(try await f.store.record(id: rows[1].id))
            let c = try #require(try await f.store.record(id: rows[2].id))
            #expect(a.url == "https://c/new/a b.pdf" && a.nome == "a b.pdf" && a.updatedBy == actor)
            #expect(b.url == "https://c/new/\"b\"\\.pdf" && b.nome == "Capa" && b.updatedBy == actor)
            #expect(c == rows[2])
        }
    }

    @Test("a row that is gone fails the batch; in a transaction nothing moves", arguments: StoreKind.allCases)
    func missingRowFailsTheBatch(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            let rows = try await f.store.insert([NewRecord(nome: "a.pdf", url: "https://c/old/a.pdf")])
            await #expect(throws: CatalogError.self) {
                try await f.store.withTransaction { w in
                    try await w.relocate(
                        [RowRelocation(id: rows[0].id, url: "https://c/new/a.pdf"), RowRelocation(id: UUID(), url: "https://c/new/x")],
                        actor: nil)
                }
            }
            if f.store.supportsTransactions {
                #expect(try await f.store.record(id: rows[0].id)?.url == "https://c/old/a.pdf")
            }
        }
    }
}
