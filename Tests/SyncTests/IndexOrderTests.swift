import Catalog
import Foundation
import ObjectStore
import SyncEngine
import Testing

/// The order both sides are merged in (the classifier walks them together): pinned here because
/// the sorts were rewritten for speed (docs/scale.md §4) and must keep the exact order.
@Suite struct IndexOrderTests {
    static let keys = [
        "docs/f00/000123", "docs/f00/000124", "docs/f00/", "a%zz", "100%.jpg", "plus+sign.txt", "sp ace.txt",
        "caf\u{E9}/x", "cafe\u{301}/x", "😀/a", "日本/語.txt", String(repeating: "deep/", count: 100) + "k",
    ]

    @Test("catalog rows sort by key bytes, then by id as its uuidString would")
    func catalogOrder() {
        let mapping = TestMapping.make()
        var records: [CatalogRecord] = []
        for key in Self.keys {
            // Three rows for some keys (duplicates): their order is the ids' text order.
            for _ in 0..<(key.count % 3 + 1) {
                records.append(CatalogRecord(id: UUID(), nome: "n", url: mapping.url(for: key), contentType: "text/plain", size: 1))
            }
        }
        var index = CatalogIndex()
        for record in records.shuffled() { index.add(record, mapping: mapping, scope: testScope()) }
        index.sort()
        let expected = records.map { (key: KeyMapping.canonicalKey(mapping.resolveKey($0.url)), id: $0.id) }.sorted { a, b in
            a.key.utf8.elementsEqual(b.key.utf8) ? a.id.uuidString < b.id.uuidString : a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
        }
        #expect(index.entries.map(\.row.id) == expected.map(\.id))
        #expect(index.entries.map { Array($0.key.utf8) } == expected.map { Array($0.key.utf8) })
    }

    @Test("listed objects sort by canonical key bytes, then by the raw key (NFC and NFD of one key)")
    func objectOrder() {
        var index = ObjectIndex()
        let date = Date(timeIntervalSince1970: 1_600_000_000)
        for key in Self.keys.shuffled() {
            index.add(listed: ObjectInfo(key: key, size: 1, lastModified: date), scope: testScope())
        }
        index.sort()
        let expected = Self.keys.sorted { a, b in
            let (ca, cb) = (KeyMapping.canonicalKey(a), KeyMapping.canonicalKey(b))
            return ca.utf8.elementsEqual(cb.utf8) ? a.utf8.lexicographicallyPrecedes(b.utf8) : ca.utf8.lexicographicallyPrecedes(cb.utf8)
        }
        #expect(index.entries.map { Array($0.key.utf8) } == expected.map { Array($0.utf8) })
    }
}

extension KeyMapping {
    /// The key a url this test wrote resolves to.
    fileprivate func resolveKey(_ url: String) -> String {
        if case .key(let key) = resolve(url) { return key }
        return ""
    }
}
