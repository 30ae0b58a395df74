import BackendSupport
import Catalog
import CatalogPostgREST
import Foundation
import R2SCore
import Testing

/// `CatalogStore.records(matching:)`: a server-side substring search, the same answer from
/// every store, with `%`, `_`, `*` and `\` taken literally.
@Suite struct CatalogURLSearchTests {
    static let base = "https://cdn.example.com/"
    static let special = [
        "s/a b.pdf", "s/a%20b.pdf", "s/100%.pdf", "s/a_b.pdf", "s/a*b.pdf", "s/a\\b.pdf", "s/ação.pdf", "s/日本.png",
        "s/tab\there", "s/del\u{7F}x", "s/quote\"x", "s/a+b.pdf", "s/plain.pdf", "S/A B.PDF", "other/a b.pdf",
    ]

    /// Inserts the special rows after 1,100 plain ones (more than PostgREST's page) and
    /// soft-deletes `s/deleted x.pdf`.
    static func fill(_ store: any CatalogStore) async throws {
        _ = try await store.insert(Rows.make(1100, prefix: base + "s/fill"))
        _ = try await store.insert(special.map { NewRecord(nome: $0, url: base + $0) })
        let gone = try await store.insert([NewRecord(nome: "deleted x.pdf", url: base + "s/deleted x.pdf")])
        #expect(try await store.softDelete(ids: gone.map(\.id), actor: nil) == 1)
    }

    static func search(
        _ store: any CatalogStore, _ substrings: [String], outside: Bool = false, limit: Int = 1000, prefix: String = "s/"
    ) async throws -> [String] {
        let scope = RecordQuery(deleted: .exclude, urlPrefixes: [base + prefix])
        let found = try await store.records(matching: URLSearch(scope: scope, substrings: substrings, outsidePrintableASCII: outside, limit: limit))
        let ids = found.map { $0.id.uuidString.lowercased() }
        #expect(ids == ids.sorted(), "rows come in id order")
        return found.map { String($0.url.dropFirst(base.count)) }.sorted()
    }

    @Test("substrings match literally, case-sensitively, in scope, active rows only", arguments: StoreKind.allCases)
    func literal(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            try await Self.fill(f.store)
            #expect(try await Self.search(f.store, [" "]) == ["s/a b.pdf"])
            #expect(try await Self.search(f.store, ["%"]) == ["s/100%.pdf", "s/a%20b.pdf"])
            #expect(try await Self.search(f.store, ["%2"]) == ["s/a%20b.pdf"])
            #expect(try await Self.search(f.store, ["_"]) == ["s/a_b.pdf"])
            #expect(try await Self.search(f.store, ["*"]) == ["s/a*b.pdf"])
            // A small limit must not be spent on rows that only approximately match (every
            // url, when `*` became a wildcard server-side): the 1,100 fill rows sort anywhere.
            #expect(try await Self.search(f.store, ["*"], limit: 3) == ["s/a*b.pdf"])
            #expect(try await Self.search(f.store, ["a*b.", "(x|y)"], limit: 3) == ["s/a*b.pdf"])
            #expect(try await Self.search(f.store, ["\\"]) == ["s/a\\b.pdf"])
            #expect(try await Self.search(f.store, ["\""]) == ["s/quote\"x"])
            #expect(try await Self.search(f.store, ["+", "ç"]) == ["s/a+b.pdf", "s/ação.pdf"])
            #expect(try await Self.search(f.store, ["A B"]) == [])
            #expect(try await Self.search(f.store, [" "], prefix: "S/") == ["S/A B.PDF"])
            #expect(try await Self.search(f.store, ["nothing"]) == [])
            #expect(try await Self.search(f.store, []) == [])
        }
    }

    @Test("characters outside printable ASCII: non-ASCII, controls, DEL", arguments: StoreKind.allCases)
    func outsidePrintable(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            try await Self.fill(f.store)
            #expect(try await Self.search(f.store, [], outside: true) == ["s/ação.pdf", "s/del\u{7F}x", "s/tab\there", "s/日本.png"])
            #expect(try await Self.search(f.store, [" "], outside: true)
                == ["s/a b.pdf", "s/ação.pdf", "s/del\u{7F}x", "s/tab\there", "s/日本.png"])
        }
    }

    @Test("the limit keeps the first rows in id order", arguments: StoreKind.allCases)
    func limit(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            _ = try await f.store.insert((0..<30).map { NewRecord(nome: "\($0)", url: Self.base + "s/x \($0).pdf") })
            let all = try await Self.search(f.store, [" "])
            #expect(all.count == 30)
            let scope = RecordQuery(deleted: .exclude, urlPrefixes: [Self.base + "s/"])
            let first = try await f.store.records(matching: URLSearch(scope: scope, substrings: [" "], limit: 7))
            let everyID = try await f.store.allRecords(scope).map(\.id)
            #expect(first.map(\.id) == Array(everyID.prefix(7)))
        }
    }

    @Test("a scope without prefixes, and one with prefixes and content types, combine with the search", arguments: StoreKind.allCases)
    func scopes(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { f in
            _ = try await f.store.insert([
                NewRecord(nome: "1", url: "u/a b.png", contentType: "image/png"),
                NewRecord(nome: "2", url: "u/c d.pdf", contentType: "application/pdf"),
                NewRecord(nome: "3", url: "v/e f.png", contentType: "image/png"),
                NewRecord(nome: "4", url: "u/plain.png", contentType: "image/png"),
            ])
            func names(_ scope: RecordQuery) async throws -> [String] {
                try await f.store.records(matching: URLSearch(scope: scope, substrings: [" "], limit: 10)).map(\.nome).sorted()
            }
            #expect(try await names(RecordQuery()) == ["1", "2", "3"])
            #expect(try await names(RecordQuery(urlPrefixes: ["u/"], contentTypes: ["image/*"])) == ["1"])
            #expect(try await names(RecordQuery(contentTypes: ["image/png"])) == ["1", "3"])
        }
    }

    @Test("PostgREST answers the search with one request, not a scan")
    func postgrestOneRequest() async throws {
        try await StoreFixture.with(.postgres) { f in
            _ = try await f.store.insert(Rows.make(2500, prefix: Self.base + "s/fill") + [NewRecord(nome: "x", url: Self.base + "s/a b.pdf")])
            let transport = RecordingTransport()
            let rest = try #require(try StoreFixture.postgrestStore(table: f.table, transport: transport, warnings: nil))
            let found = try await Self.search(rest, URLSpellingNeedles.all, outside: true)
            #expect(found == ["s/a b.pdf"])
            #expect(transport.log.requests.count == 1)
            #expect(transport.log.requests.first?.url.contains("url.match") == true)
        }
    }
}

/// The evidence needles (as `URLSpelling.evidenceSubstrings`, which lives in ObjectStore).
enum URLSpellingNeedles {
    static let all = ["%", " ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}"]
}
