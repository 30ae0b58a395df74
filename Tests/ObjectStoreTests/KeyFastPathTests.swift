import ObjectStore
import Testing

/// The shortcuts a 100k no-op sync takes per key and row (docs/scale.md §4, the CPU cuts) must
/// give exactly what the general code gives, for the awkward keys too: `%`, `+`, NFD, emoji,
/// a combining mark right after a `/`.
@Suite struct KeyFastPathTests {
    static let base = "https://cdn.example.com/media"
    static let keys = [
        "fichas/a.pdf", "a", "docs/f00/000123", "sp ace/a b.txt", "plus+sign.txt", "100%.jpg", "%", "a%zz",
        "pct%20literal.txt", "hash#frag?q=1.txt", "café/é.txt", "cafe\u{301}/e\u{301}.txt", "a/\u{301}b", "a\u{301}/b",
        "😀/🇧🇷.png", "日本/語.txt", "trail/", "/lead", "a//b", "x!'()*~.-_", String(repeating: "k/", count: 300),
    ]
    static let styles: [URLStyle] = [
        .raw, .r2s, .encoded(EncodedSpelling(literal: Set("!'()*".utf8), spaceAsPlus: true)),
        .encoded(EncodedSpelling(lowercaseHex: true)),
    ]

    @Test("the last path segment is what split(separator: \"/\").last gives, even by a combining mark")
    func lastSegment() {
        for key in Self.keys + ["", "/", "a/", "\u{0600}/x", "x/\u{200D}y", "e\u{301}/\u{301}"] {
            let reference = key.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? key
            #expect(Array(key.lastPathSegment.utf8) == Array(reference.utf8), "\(key)")
        }
    }

    @Test("isWritten(url, for: key) is url == url(for: key) byte for byte, in every style", arguments: styles)
    func isWritten(_ style: URLStyle) {
        let mapping = KeyMapping(publicBase: Self.base, writeStyle: style)
        let urls = Self.keys.flatMap { key in Self.styles.map { mapping.writing($0).url(for: key) } + [Self.base + "/" + key] }
            + [Self.base, Self.base + "/", "https://cdn.example.com/mediaX/a", "https://CDN.example.com/media/a"]
        for key in Self.keys {
            for url in urls {
                #expect(mapping.isWritten(url, for: key) == KeyOrder.same(url, mapping.url(for: key)), "\(url) for \(key)")
            }
        }
    }

    @Test("a url under the primary base without % resolves as the general path resolves it")
    func resolveShortcut() {
        let fast = KeyMapping(publicBase: Self.base)
        // The same base as an alternate only: the shortcut (primary base) never applies there.
        let general = KeyMapping(publicBase: "https://unused.example.org", alternateBases: [Self.base])
        var urls = Self.keys.flatMap { [Self.base + "/" + $0, fast.url(for: $0)] }
        urls += [Self.base, Self.base + "/", Self.base + "//", Self.base + "/" + String(repeating: "é", count: 600),
                 "https://CDN.example.com/media/a", "https://cdn.example.com/mediaX/a", "https://other.example/a"]
        // Hostile rows: dot segments, a backslash, terminal escapes, NUL, a key past the length cap.
        urls += ["a/../b", "./x", "../../etc/passwd", "a\\b", "\u{1B}[2J\u{1B}]0;t\u{7}", "nul\u{0}x", "e\u{301}/\u{0}",
                 String(repeating: "x", count: 1100)].map { Self.base + "/" + $0 }
        for url in urls { #expect(fast.resolve(url) == general.resolve(url), "\(url)") }
        // A base configured with a trailing slash reads the same keys either way.
        let slashed = KeyMapping(publicBase: Self.base + "/")
        let slashedGeneral = KeyMapping(publicBase: "https://unused.example.org", alternateBases: [Self.base + "/"])
        for url in urls { #expect(slashed.resolve(url) == slashedGeneral.resolve(url), "\(url)") }
    }

    @Test("a range's listing prefix is the bounds' common prefix, cut to whole characters, never shorter than the floor")
    func listingPrefix() {
        #expect(KeyRange().listingPrefix(floor: "docs/") == "docs/")
        #expect(KeyRange(after: "docs/f00/016983000").listingPrefix(floor: "") == "")
        #expect(KeyRange(through: "docs/f00~").listingPrefix(floor: "") == "")
        #expect(KeyRange(after: "docs/f00/016983000", through: "docs/f00~").listingPrefix(floor: "") == "docs/f00")
        #expect(KeyRange(after: "docs/f00/016983000", through: "docs/f00~").listingPrefix(floor: "docs/f00/") == "docs/f00/")
        #expect(KeyRange(after: "café/a", through: "cafê/b").listingPrefix(floor: "") == "caf", "é and ê share a lead byte")
        #expect(KeyRange(after: "😀/a", through: "😀/b").listingPrefix(floor: "") == "😀/")
        #expect(KeyRange(after: "a", through: "b").listingPrefix(floor: "docs/") == "docs/", "no key of the range is under the floor")
        // Every key of a range starts with its prefix (the bounds' order decides it).
        let keys = Self.keys.sorted(by: KeyOrder.less)
        for (i, a) in keys.enumerated() {
            for t in keys[i...] {
                let range = KeyRange(after: a, through: t), prefix = range.listingPrefix(floor: "")
                for k in keys where range.contains(k) { #expect(k.hasBytePrefix(prefix), "\(k) in \(range) under \(prefix)") }
            }
        }
    }

    @Test("KeyOrder compares bytes, past the first eight and at any length")
    func keyOrder() {
        let keys = Self.keys + ["docs/f00/000123x", "docs/f00/000124", "docs/f00/", "docs/f0", "abcdefgh", "abcdefghi", "abcdefgi", ""]
        for a in keys {
            for b in keys {
                let reference = a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : (a.utf8.elementsEqual(b.utf8) ? 0 : 1)
                #expect(KeyOrder.compare(a, b).signum() == reference, "\(a) vs \(b)")
                #expect(KeyOrder.same(a, b) == (reference == 0))
            }
        }
    }
}
