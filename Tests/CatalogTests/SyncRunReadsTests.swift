import Catalog
import Foundation
import R2STestSupport
import Testing

/// What the workers of a shared run ask of each catalog beyond claims and the commit gate: a
/// claim of one named partition (a worker claims first the partitions whose plans it holds), and
/// a read that leaves url prefixes out (a root partition leaves its children's rows to them).
@Suite struct SyncRunReadsTests {
    @Test("claimPartition(only:) claims that partition or none", arguments: SyncRunTableTests.Kind.allCases)
    func claimOnly(_ kind: SyncRunTableTests.Kind) async throws {
        guard let (make, table, _) = try await SyncRunTableTests.stores(kind) else { return }
        let store = try make()
        let run = try await store.createRun(fingerprint: "only " + table, partitions: ["a/", "b/", "c/"], planner: SyncRunTableTests.holder(0))
        let me = SyncRunTableTests.holder(1)
        #expect(try await store.claimPartition(run: run.id, state: .pending, holder: me, ttl: .seconds(60), only: "b/")?.prefix == "b/")
        // Held now: nothing, although a/ and c/ are free.
        #expect(try await store.claimPartition(run: run.id, state: .pending, holder: me, ttl: .seconds(60), only: "b/") == nil)
        #expect(try await store.claimPartition(run: run.id, state: .pending, holder: me, ttl: .seconds(60), only: "zz/") == nil)
        #expect(try await store.claimPartition(run: run.id, state: .pending, holder: me, ttl: .seconds(60))?.prefix == "a/")
    }

    @Test("a read leaves out the rows under excluded url prefixes, and only those", arguments: SyncRunTableTests.Kind.allCases)
    func excludedPrefixes(_ kind: SyncRunTableTests.Kind) async throws {
        guard let (make, _, _) = try await SyncRunTableTests.stores(kind) else { return }
        let store = try make()
        let base = "https://cdn.example/"
        // LIKE/GLOB metacharacters and a space in the excluded spellings; `*` only over
        // PostgREST's client-side check.
        let urls = ["a%20b/1", "a b/2", "ab/3", "a_c/4", "axc/5", "top", "st*r/6", "star/7"].map { base + $0 }
        _ = try await store.insert(urls.map { NewRecord(nome: "n", url: $0, contentType: "text/plain", size: 1) })
        var query = RecordQuery(deleted: .include, urlPrefixes: [base])
        query.excludedURLPrefixes = [base + "a%20b/", base + "a b/", base + "a_c/", base + "st*r/"]
        var read: [String] = []
        for try await page in store.records(query) { read += page.map(\.url) }
        #expect(read.sorted() == ["ab/3", "axc/5", "star/7", "top"].map { base + $0 }, "\(read.sorted())")
    }
}
