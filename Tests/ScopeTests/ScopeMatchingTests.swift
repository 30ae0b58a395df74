import Catalog
import Foundation
import ObjectStore
import Scope
import Testing

@Suite struct ScopeMatchingTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func object(_ key: String, size: Int64 = 100, age: Double = 3600) -> ObjectInfo {
        ObjectInfo(key: key, size: size, lastModified: now.addingTimeInterval(-age))
    }

    static func scope(_ rules: FilterRules...) throws -> Scope {
        try Scope(layers: rules, referenceDate: now)
    }

    /// (prefixes, key, in scope)
    static let prefixTable: [([String], String, Bool)] = [
        (["fichas"], "fichas/a.pdf", true),
        (["fichas"], "fichas2/a.pdf", false),
        (["fichas"], "fichas", false),
        (["fichas/"], "fichas/sub/a.pdf", true),
        (["fichas/"], "fichas2/a.pdf", false),
        (["/fichas"], "fichas/a.pdf", true),
        (["fichas", "fotos"], "fotos/x.jpg", true),
        (["fichas", "fotos"], "docs/x.jpg", false),
        (["a/b"], "a/b/c", true),
        (["a/b"], "a/bc/d", false),
        (["ação"], "ação/x", true),
        (["ação"], "ac\u{327}a\u{303}o/x", true),
        (["ac\u{327}a\u{303}o"], "ação/x", true),
        (["ação"], "acao/x", false),
        (["😀"], "😀/x", true),
        ([""], "anything", true),
        (["/"], "anything", true),
        (["fichas", "/"], "anything", true),
    ]

    @Test("prefix boundaries: a prefix is a folder, never a string prefix", arguments: prefixTable)
    func prefixes(prefixes: [String], key: String, expected: Bool) throws {
        let s = try Self.scope(FilterRules(prefixes: prefixes))
        #expect(s.matchesKey(key) == expected)
        #expect(s.matches(object: Self.object(key)) == expected)
    }

    /// (globs in order, key, in scope)
    static let globTable: [([GlobRule], String, Bool)] = [
        ([GlobRule(.include, "*.pdf")], "a/b.pdf", true),
        ([GlobRule(.include, "*.pdf")], "a/b.jpg", false),  // an include implies "exclude the rest"
        ([GlobRule(.exclude, "*.tmp")], "a/b.jpg", true),
        ([GlobRule(.exclude, "*.tmp")], "a/b.tmp", false),
        // First match wins.
        ([GlobRule(.exclude, "secret/**"), GlobRule(.include, "*.pdf")], "secret/a.pdf", false),
        ([GlobRule(.include, "*.pdf"), GlobRule(.exclude, "secret/**")], "secret/a.pdf", true),
        ([GlobRule(.include, "*.pdf"), GlobRule(.exclude, "secret/**")], "secret/a.jpg", false),
        ([GlobRule(.exclude, "/tmp/"), GlobRule(.include, "**")], "tmp/x", false),
        ([GlobRule(.exclude, "/tmp/"), GlobRule(.include, "**")], "a/tmp/x", true),
    ]

    @Test("include/exclude: in order, first match wins, includes imply exclude-the-rest", arguments: globTable)
    func globs(rules: [GlobRule], key: String, expected: Bool) throws {
        #expect(try Self.scope(FilterRules(globs: rules)).matchesKey(key) == expected)
    }

    @Test("types come from the extension for objects, from content_type for rows")
    func types() throws {
        let images = try Self.scope(FilterRules(types: ["image/*"]))
        #expect(images.matches(object: Self.object("a/b.JPG")))
        #expect(images.matches(object: Self.object("a/b.webp")))
        #expect(!images.matches(object: Self.object("a/b.pdf")))
        #expect(!images.matches(object: Self.object("a/noext")))
        // A verified type (HEAD) wins over the extension.
        #expect(images.matches(object: Self.object("a/b.bin"), contentType: "image/png"))
        #expect(!images.matches(object: Self.object("a/b.png"), contentType: "application/pdf"))
        let pdfOrCsv = try Self.scope(FilterRules(types: ["pdf", "text/csv"]))
        #expect(pdfOrCsv.matches(object: Self.object("x.pdf")))
        #expect(pdfOrCsv.matches(object: Self.object("x.csv")))
        #expect(!pdfOrCsv.matches(object: Self.object("x.txt")))
        let row = CatalogRecord(id: UUID(), nome: "b", url: "u", contentType: "image/png", size: 1, createdAt: Self.now)
        #expect(images.matches(record: row, key: "a/b.pdf"), "rows use content_type")
        var untyped = row
        untyped.contentType = nil
        #expect(!images.matches(record: untyped, key: "a/b.pdf"))
        #expect(images.matches(record: untyped, key: "a/b.png"), "null content_type falls back to the extension")
    }

    static let sizeTable: [(Int64, Bool)] = [(10_239, false), (10_240, true), (5 << 20, true), ((5 << 20) + 1, false)]

    @Test("sizes are inclusive bounds; an unknown row size never matches a bound", arguments: sizeTable)
    func sizes(size: Int64, expected: Bool) throws {
        let s = try Self.scope(FilterRules(minSize: try ByteSize.parse("10k"), maxSize: try ByteSize.parse("5MiB")))
        #expect(s.matches(object: Self.object("x", size: size)) == expected)
        let row = CatalogRecord(id: UUID(), nome: "x", url: "u", size: size, createdAt: Self.now)
        #expect(s.matches(record: row, key: "x") == expected)
        var unknown = row
        unknown.size = nil
        #expect(!s.matches(record: unknown, key: "x"))
    }

    static let ageTable: [(Double, Bool, Bool)] = [
        (60, true, false), (6 * 86400, true, false), (7 * 86400, true, false), (7 * 86400 + 1, false, true),
        (30 * 86400, false, true),
    ]

    @Test("ages: newer-than is at/after the point, older-than strictly before", arguments: ageTable)
    func ages(age: Double, newer: Bool, older: Bool) throws {
        let newerScope = try Self.scope(FilterRules(newerThan: try TimeBound(parsing: "7d")))
        let olderScope = try Self.scope(FilterRules(olderThan: try TimeBound(parsing: "1w")))
        #expect(newerScope.matches(object: Self.object("x", age: age)) == newer)
        #expect(olderScope.matches(object: Self.object("x", age: age)) == older)
        let row = CatalogRecord(id: UUID(), nome: "x", url: "u", createdAt: Self.now.addingTimeInterval(-age))
        #expect(newerScope.matches(record: row, key: "x") == newer)
        var dateless = ObjectInfo(key: "x", size: 1)
        dateless.lastModified = nil
        #expect(!newerScope.matches(object: dateless))
    }

    @Test("ISO dates bound ages absolutely")
    func dates() throws {
        let s = try Self.scope(FilterRules(newerThan: try TimeBound(parsing: "2026-01-31"), olderThan: try TimeBound(parsing: "2026-02-01T00:00:00Z")))
        let day = try #require(ISODate.parse("2026-01-31T12:00:00Z"))
        #expect(s.matches(object: ObjectInfo(key: "x", size: 1, lastModified: day)))
        #expect(!s.matches(object: ObjectInfo(key: "x", size: 1, lastModified: day.addingTimeInterval(86400))))
        #expect(!s.matches(object: ObjectInfo(key: "x", size: 1, lastModified: day.addingTimeInterval(-86400))))
    }

    @Test("layers intersect: a named filter narrowed by inline rules")
    func intersection() throws {
        let named = FilterRules(prefixes: ["fichas"], types: ["pdf"])
        let inline = FilterRules(prefixes: ["fichas/2024"], minSize: 1000)
        let s = try Self.scope(named, inline)
        #expect(s.matches(object: Self.object("fichas/2024/a.pdf", size: 5000)))
        #expect(!s.matches(object: Self.object("fichas/2023/a.pdf", size: 5000)))
        #expect(!s.matches(object: Self.object("fichas/2024/a.pdf", size: 10)))
        #expect(!s.matches(object: Self.object("fichas/2024/a.jpg", size: 5000)))
        #expect(s.keyPrefixes == ["fichas/2024/"])
        #expect(try Scope.everything(referenceDate: Self.now).narrowed(by: named).matches(object: Self.object("fichas/x.pdf")))
    }

    @Test("list prefixes: minimal cover, intersections, non-ASCII cut to a safe superset")
    func listPrefixes() throws {
        #expect(try Self.scope().listPrefixes == [""])
        #expect(try Self.scope(FilterRules(prefixes: ["fotos", "fichas", "fichas/2024"])).listPrefixes == ["fichas/", "fotos/"])
        #expect(try Self.scope(FilterRules(prefixes: ["fichas"]), FilterRules(prefixes: ["fotos"])).listPrefixes == [])
        #expect(try Self.scope(FilterRules(prefixes: ["fichas"]), FilterRules(prefixes: ["fotos"])).isEmpty)
        #expect(try Self.scope(FilterRules(prefixes: ["a", "b"]), FilterRules(prefixes: ["a/x", "b", "c"])).listPrefixes == ["a/x/", "b/"])
        #expect(try Self.scope(FilterRules(prefixes: ["fotos/ação", "fotos/acao"])).listPrefixes == ["fotos/a"])
        #expect(try Self.scope(FilterRules(prefixes: ["ação"])).listPrefixes == ["a"])
        #expect(try Self.scope(FilterRules(prefixes: ["x", "/"])).listPrefixes == [""])
        #expect(try Self.scope(FilterRules(types: ["pdf"])).listPrefixes == [""])
    }

    @Test("record query: url prefixes for every base, both forms; whole bucket reads all rows")
    func recordQuery() throws {
        let mapping = KeyMapping(publicBase: "https://cdn.example.com", alternateBases: ["https://old.example.com/m"])
        let q = try Self.scope(FilterRules(prefixes: ["fichas", "minhas fotos"])).recordQuery(mapping: mapping)
        #expect(
            q.urlPrefixes == [
                "https://cdn.example.com/fichas/", "https://old.example.com/m/fichas/", "https://cdn.example.com/minhas",
                "https://old.example.com/m/minhas",
            ])
        #expect(q.deleted == .exclude)
        #expect(q.contentTypes.isEmpty)
        #expect(try Self.scope(FilterRules(types: ["pdf"])).recordQuery(mapping: mapping, deleted: .include).urlPrefixes.isEmpty)
        // The query is a superset of what `matches` accepts, for both url forms of in-scope keys.
        let s = try Self.scope(FilterRules(prefixes: ["minhas fotos"]))
        let query = s.recordQuery(mapping: mapping)
        for key in ["minhas fotos/a b.jpg", "minhas fotos/ç/100%.png"] {
            for url in mapping.urlForms(for: key) {
                #expect(query.urlPrefixes.contains { url.hasPrefix($0) }, "\(url)")
                guard case .key(let k) = mapping.resolve(url) else {
                    Issue.record("unresolved \(url)")
                    continue
                }
                #expect(s.matches(record: CatalogRecord(id: UUID(), nome: "n", url: url), key: k))
            }
        }
    }

    @Test("a scope round-trips through JSON")
    func codable() throws {
        let s = try Self.scope(
            FilterRules(prefixes: ["a"], types: ["image/*"], globs: [GlobRule(.exclude, "*.tmp")], ignoreCase: true,
                minSize: 1, maxSize: 2, newerThan: try TimeBound(parsing: "7d"), olderThan: try TimeBound(parsing: "2030-01-31")))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let back = try decoder.decode(Scope.self, from: try encoder.encode(s))
        #expect(back == s)
        #expect(back.matches(object: Self.object("a/X.png", size: 2)))
        #expect(!back.matches(object: Self.object("a/X.TMP", size: 2)))
    }
}
