import Catalog
import Foundation
import ObjectStore
import Scope
import SyncEngine
import Testing

/// Table-driven tests of the pure classifier: given both sides, what happens to each key.
@Suite struct ClassifierTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let old = now.addingTimeInterval(-86_400)
    static let fresh = now.addingTimeInterval(-60)
    static let mapping = TestMapping.make()

    struct O: Sendable {
        var key: String
        var size: Int64 = 10
        var young = false
        /// Uploaded again an hour after its rows' deletion (else as old as the rows).
        var back = false
    }

    enum URLForm: Sendable {
        case encoded(String)
        case raw(String)
        case url(String)

        var text: String {
            switch self {
            case .encoded(let k): ClassifierTests.mapping.url(for: k)
            case .raw(let k): TestMapping.base + "/" + k
            case .url(let u): u
            }
        }
    }

    struct R: Sendable {
        var url: URLForm
        var deleted = false
        var young = false
        var size: Int64? = 10
        var type: String? = nil
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var objects: [O] = []
        var rows: [R] = []
        var scope = testScope()
        var restore = true
        var expect: [SyncItem.Kind: Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "object and row agree", objects: [O(key: "a.pdf")], rows: [R(url: .encoded("a.pdf"))], expect: [.ok: 1]),
        Case(name: "object without row is added", objects: [O(key: "a.pdf")], expect: [.add: 1]),
        Case(name: "active row without object is removed", rows: [R(url: .encoded("a.pdf"))], expect: [.remove: 1]),
        Case(name: "deleted row whose object is back is restored", objects: [O(key: "a.pdf", back: true)],
             rows: [R(url: .encoded("a.pdf"), deleted: true)], expect: [.restore: 1]),
        Case(name: "--no-restore adds a new row instead", objects: [O(key: "a.pdf", back: true)],
             rows: [R(url: .encoded("a.pdf"), deleted: true)], restore: false, expect: [.add: 1]),
        Case(name: "an object as old as its row's deletion is ambiguous, never restored", objects: [O(key: "a.pdf")],
             rows: [R(url: .encoded("a.pdf"), deleted: true)], expect: [.ambiguous: 1]),
        Case(name: "deleted row without object is consistent", rows: [R(url: .encoded("a.pdf"), deleted: true)], expect: [:]),
        Case(name: "two active rows for an object are reported, not fixed", objects: [O(key: "a.pdf")],
             rows: [R(url: .encoded("a.pdf")), R(url: .raw("a.pdf"))], expect: [.duplicate: 2]),
        Case(name: "two active rows without object are both removed",
             rows: [R(url: .encoded("a.pdf")), R(url: .encoded("a.pdf"))], expect: [.remove: 2]),
        Case(name: "size mismatch is reported", objects: [O(key: "a.pdf", size: 11)], rows: [R(url: .encoded("a.pdf"))],
             expect: [.mismatch: 1]),
        Case(name: "type mismatch is reported", objects: [O(key: "a.pdf")],
             rows: [R(url: .encoded("a.pdf"), type: "image/png")], expect: [.mismatch: 1]),
        Case(name: "type with parameters and case still agrees", objects: [O(key: "a.txt")],
             rows: [R(url: .encoded("a.txt"), type: "Text/Plain; charset=utf-8")], expect: [.ok: 1]),
        Case(name: "foreign row is never touched", rows: [R(url: .url("https://elsewhere.org/a.pdf"))], expect: [.foreign: 1]),
        Case(name: "url base with no key is unparseable", rows: [R(url: .url("https://cdn.example.com/"))],
             expect: [.unparseable: 1]),
        Case(name: "young object without row is left alone", objects: [O(key: "a.pdf", young: true)], expect: [.young: 1]),
        Case(name: "young row without object is left alone", rows: [R(url: .encoded("a.pdf"), young: true)], expect: [.young: 1]),
        Case(name: "row deleted a moment ago is not restored", objects: [O(key: "a.pdf")],
             rows: [R(url: .encoded("a.pdf"), deleted: true, young: true)], expect: [.young: 1]),
        Case(name: "raw url with space, plus and percent matches", objects: [O(key: "f/foto + legenda 100%.jpg")],
             rows: [R(url: .raw("f/foto + legenda 100%.jpg"))], expect: [.ok: 1]),
        Case(name: "encoded url with space, plus and percent matches", objects: [O(key: "f/foto + legenda 100%.jpg")],
             rows: [R(url: .encoded("f/foto + legenda 100%.jpg"))], expect: [.ok: 1]),
        Case(name: "%20 in a raw url is a space", objects: [O(key: "a b.pdf")], rows: [R(url: .url("https://cdn.example.com/a%20b.pdf"))],
             expect: [.ok: 1]),
        Case(name: "NFD row matches NFC object", objects: [O(key: "ficha_jos\u{E9}.pdf")],
             rows: [R(url: .raw("ficha_jose\u{301}.pdf"))], expect: [.ok: 1]),
        Case(name: "NFD object matches NFC row", objects: [O(key: "ficha_jose\u{301}.pdf")],
             rows: [R(url: .encoded("ficha_jos\u{E9}.pdf"))], expect: [.ok: 1]),
        Case(name: "emoji key in raw form", objects: [O(key: "📄 notas.txt")], rows: [R(url: .raw("📄 notas.txt"))],
             expect: [.ok: 1]),
        Case(name: "NFC and NFD spellings of one key in the bucket conflict",
             objects: [O(key: "jos\u{E9}.pdf"), O(key: "jose\u{301}.pdf")], rows: [R(url: .encoded("jos\u{E9}.pdf"))],
             expect: [.conflict: 1]),
        Case(name: "fichas/ scope ignores fichas2/ on both sides", objects: [O(key: "fichas2/new.pdf")],
             rows: [R(url: .encoded("fichas2/gone.pdf"))], scope: testScope(prefixes: ["fichas"]), expect: [:]),
        Case(name: "fichas/ scope acts inside fichas/", objects: [O(key: "fichas/new.pdf")],
             rows: [R(url: .encoded("fichas/gone.pdf"))], scope: testScope(prefixes: ["fichas"]), expect: [.add: 1, .remove: 1]),
        Case(name: "type scope: a pdf row whose object is a jpg is a mismatch, not a removal",
             objects: [O(key: "a.jpg")], rows: [R(url: .encoded("a.jpg"), type: "application/pdf")],
             scope: testScope(types: ["application/pdf"]), expect: [.mismatch: 1]),
        Case(name: "type scope: an image row without object is outside and untouched",
             rows: [R(url: .encoded("a.png"), type: "image/png")], scope: testScope(types: ["application/pdf"]), expect: [:]),
        Case(name: "type scope: an image object is not added by a pdf sync", objects: [O(key: "a.png")],
             scope: testScope(types: ["application/pdf"]), expect: [:]),
        Case(name: "type family scope adds images", objects: [O(key: "a.png"), O(key: "b.jpg"), O(key: "c.pdf")],
             scope: testScope(types: ["image/*"]), expect: [.add: 2]),
    ]

    @Test("classification", arguments: cases)
    func classify(_ c: Case) {
        var objects = ObjectIndex()
        for o in c.objects {
            let info = ObjectInfo(
                key: o.key, size: o.size, lastModified: o.young ? Self.fresh : o.back ? Self.old.addingTimeInterval(3600) : Self.old)
            objects.add(listed: info, scope: c.scope)
        }
        var catalog = CatalogIndex()
        for r in c.rows {
            let when = r.young ? Self.fresh : Self.old
            let record = CatalogRecord(id: UUID(), nome: "n", url: r.url.text, contentType: r.type, size: r.size,
                                       createdAt: Self.old, updatedAt: when, deletedAt: r.deleted ? when : nil)
            catalog.add(record, mapping: Self.mapping, scope: c.scope)
        }
        var items: [SyncItem] = []
        let options = SyncOptions(restore: c.restore, now: Self.now)
        let (plan, summary) = SyncClassifier(options: options, mapping: Self.mapping)
            .classify(objects: objects, catalog: catalog) { items.append($0) }
        let counts = Dictionary(grouping: items, by: \.kind).mapValues(\.count)
        #expect(counts == c.expect, "items: \(items.map { "\($0.kind) \($0.key ?? $0.url ?? "")" })")
        #expect(plan.additions.count == (c.expect[.add] ?? 0))
        #expect(plan.removals.count == (c.expect[.remove] ?? 0))
        #expect(plan.restorations.count == (c.expect[.restore] ?? 0))
        #expect(summary.added == plan.additions.count && summary.removed == plan.removals.count)
        #expect(summary.foreign == (c.expect[.foreign] ?? 0))
        #expect(summary.mismatched == (c.expect[.mismatch] ?? 0))
    }

    @Test("a new row keeps the bucket's spelling of the key and the file name as nome")
    func newRowFields() {
        let options = SyncOptions(now: Self.now)
        let classifier = SyncClassifier(options: options, mapping: Self.mapping)
        let object = IndexedObject(key: "fichas/a b+c.pdf", size: 42, lastModified: Self.old, contentType: "application/pdf", inScope: true)
        let record = classifier.newRecord(for: object)
        #expect(record.nome == "a b+c.pdf")
        #expect(record.url == "https://cdn.example.com/fichas/a%20b%2Bc.pdf")
        #expect(record.size == 42)
        #expect(record.contentType == "application/pdf")
        let unknown = IndexedObject(key: "x", size: 1, lastModified: nil, contentType: nil, inScope: true)
        #expect(classifier.newRecord(for: unknown).contentType == "application/octet-stream")
    }

    @Test("restore picks the most recently deleted row (keeping its referencia_id)")
    func restorePicksLatest() {
        var objects = ObjectIndex()
        objects.add(IndexedObject(key: "a.pdf", size: 10, lastModified: Self.old.addingTimeInterval(100), contentType: nil, inScope: true), canonicalKey: "a.pdf")
        var catalog = CatalogIndex()
        let older = CatalogRecord(id: UUID(), nome: "a", url: Self.mapping.url(for: "a.pdf"), size: 10,
                                  deletedAt: Self.old.addingTimeInterval(-1000))
        let newer = CatalogRecord(id: UUID(), nome: "a", url: Self.mapping.url(for: "a.pdf"), size: 10,
                                  referenciaId: UUID(), deletedAt: Self.old)
        catalog.add(older, mapping: Self.mapping, scope: testScope())
        catalog.add(newer, mapping: Self.mapping, scope: testScope())
        let (plan, _) = SyncClassifier(options: SyncOptions(now: Self.now), mapping: Self.mapping)
            .classify(objects: objects, catalog: catalog)
        #expect(plan.restorations.map(\.id) == [newer.id])
    }
}
