import ObjectStore
import Testing

@Suite struct KeyMappingTests {
    static let base = "https://cdn.example.com/media"
    let mapping = KeyMapping(publicBase: base)

    /// (key, the url r2s writes, what the raw form resolves to — `nil` = the key itself)
    static let table: [(String, String, String?)] = [
        ("fichas/a.pdf", "fichas/a.pdf", nil),
        ("fichas/foto + legenda 100%.jpg", "fichas/foto%20%2B%20legenda%20100%25.jpg", nil),
        ("sp ace/a b.txt", "sp%20ace/a%20b.txt", nil),
        ("plus+sign.txt", "plus%2Bsign.txt", nil),
        ("100%.jpg", "100%25.jpg", nil),
        ("%", "%25", nil),
        ("a%zz", "a%25zz", nil),
        ("end%4", "end%254", nil),
        // A literal `%20` in a key: exact when encoded; its raw form is ambiguous and decodes.
        ("pct%20literal.txt", "pct%2520literal.txt", "pct literal.txt"),
        ("hash#frag.txt", "hash%23frag.txt", nil),
        ("q?uery=1&x=2.txt", "q%3Fuery%3D1%26x%3D2.txt", nil),
        ("amp&.txt", "amp%26.txt", nil),
        ("ação/é.txt", "a%C3%A7%C3%A3o/%C3%A9.txt", nil),
        ("emoji/😀.png", "emoji/%F0%9F%98%80.png", nil),
        ("tilde~under_score-dash.txt", "tilde~under_score-dash.txt", nil),
        ("a//b/", "a//b/", nil),
        ("日本語/ファイル.pdf", "%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB.pdf", nil),
    ]

    @Test("r2s writes base + / + key encoded per segment, and reads both url forms back", arguments: table)
    func roundTrip(key: String, encodedPath: String, rawResolvesTo: String?) {
        let url = mapping.url(for: key)
        #expect(url == Self.base + "/" + encodedPath)
        #expect(mapping.resolve(url) == .key(key))
        #expect(mapping.resolve(Self.base + "/" + key) == .key(rawResolvesTo ?? key), "raw form")
        #expect(mapping.urlForms(for: key).contains(url))
        #expect(mapping.urlForms(for: key).contains(Self.base + "/" + key))
    }

    @Test("NFD keys resolve to NFC in both url forms; the written url keeps the key's own bytes")
    func unicodeNormalisation() {
        let nfd = "ac\u{327}a\u{303}o/ficc\u{327}a\u{303}o e\u{301}.pdf"
        let nfc = "ação/ficção é.pdf"
        #expect(nfd == nfc)  // canonical equivalence, as Swift compares …
        #expect(!nfd.utf8.elementsEqual(nfc.utf8))  // … but the bytes differ
        let url = mapping.url(for: nfd)
        #expect(url.contains("c%CC%A7"))
        for form in [url, Self.base + "/" + nfd, mapping.url(for: nfc), Self.base + "/" + nfc] {
            guard case .key(let key) = mapping.resolve(form) else {
                Issue.record("not resolved: \(form)")
                continue
            }
            #expect(key.utf8.elementsEqual(nfc.utf8), "\(form)")
        }
        #expect(KeyMapping.canonicalKey(nfd).utf8.elementsEqual(nfc.utf8))
        let forms = mapping.urlForms(for: nfd)
        #expect(forms.contains(mapping.url(for: nfc)) && forms.contains(Self.base + "/" + nfc))
    }

    @Test("NFC follows Unicode: Hangul, singletons, mark reordering, exclusions")
    func nfcVectors() {
        let cases: [(String, [UInt32])] = [
            ("\u{1100}\u{1161}\u{11A8}", [0xAC01]),
            ("\u{212B}", [0xC5]),
            ("A\u{30A}", [0xC5]),
            ("\u{0958}", [0x915, 0x93C]),
            ("a\u{323}\u{302}", [0x1EAD]),
            ("a\u{302}\u{323}", [0x1EAD]),
            ("\u{1E9B}\u{323}", [0x1E9B, 0x323]),
            ("plain ascii/key.txt", Array("plain ascii/key.txt".unicodeScalars.map(\.value))),
        ]
        for (input, scalars) in cases {
            #expect(KeyMapping.canonicalKey(input).unicodeScalars.map(\.value) == scalars, "\(input.unicodeScalars.map(\.value))")
        }
    }

    @Test("`+` is a literal plus and a lone `%` a literal percent in both forms")
    func plusAndPercent() {
        #expect(mapping.resolve(Self.base + "/a+b.txt") == .key("a+b.txt"))
        #expect(mapping.resolve(Self.base + "/a%2Bb.txt") == .key("a+b.txt"))
        #expect(mapping.resolve(Self.base + "/a%2bb.txt") == .key("a+b.txt"), "lowercase hex decodes too")
        #expect(mapping.resolve(Self.base + "/100%") == .key("100%"))
        #expect(mapping.resolve(Self.base + "/100%4") == .key("100%4"))
        #expect(mapping.resolve(Self.base + "/100%g1") == .key("100%g1"))
        #expect(mapping.resolve(Self.base + "/%%41") == .key("%A"))
    }

    @Test("1 KiB keys round-trip; longer ones are unparseable")
    func longKeys() {
        let key = String(repeating: "abcdefg/", count: 127) + "é12345"
        #expect(key.utf8.count == 1023)
        #expect(mapping.resolve(mapping.url(for: key)) == .key(key))
        #expect(mapping.resolve(Self.base + "/" + key) == .key(key))
        let max = String(repeating: "x", count: 1024)
        #expect(mapping.resolve(mapping.url(for: max)) == .key(max))
        let over = max + "y"
        #expect(mapping.resolve(mapping.url(for: over)) == .unparseable(.tooLong(bytes: 1025)))
    }

    @Test("foreign urls", arguments: [
        "https://other.example.com/media/a.pdf",
        "http://cdn.example.com/media/a.pdf",
        "https://cdn.example.com/media2/a.pdf",
        "https://cdn.example.com/Media/a.pdf",
        "https://cdn.example.com/a.pdf",
        "https://cdn.example.com:8443/media/a.pdf",
        "https://cdn.example.com",
        "cdn.example.com/media/a.pdf",
        "/media/a.pdf",
        "",
        "media/a.pdf",
    ])
    func foreign(url: String) {
        #expect(mapping.resolve(url) == .foreign)
        #expect(mapping.base(of: url) == nil)
    }

    @Test("unparseable urls under the base")
    func unparseable() {
        #expect(mapping.resolve(Self.base) == .unparseable(.emptyKey), "the base itself names no object")
        #expect(mapping.resolve(Self.base + "/") == .unparseable(.emptyKey))
        #expect(mapping.resolve(Self.base + "/%FF.jpg") == .unparseable(.invalidUTF8))
        #expect(mapping.resolve(Self.base + "/%C3") == .unparseable(.invalidUTF8))
    }

    @Test("scheme and host compare case-insensitively; trailing slashes on the base are ignored")
    func baseComparison() {
        #expect(mapping.resolve("HTTPS://CDN.Example.COM/media/a.pdf") == .key("a.pdf"))
        let slashed = KeyMapping(publicBase: Self.base + "//")
        #expect(slashed.publicBase == Self.base)
        #expect(slashed.url(for: "a b") == Self.base + "/a%20b")
        #expect(slashed.resolve(Self.base + "/a%20b") == .key("a b"))
        let root = KeyMapping(publicBase: "https://pub-123.r2.dev/")
        #expect(root.url(for: "x/y z.pdf") == "https://pub-123.r2.dev/x/y%20z.pdf")
        #expect(root.resolve("https://pub-123.r2.dev/x/y z.pdf") == .key("x/y z.pdf"))
        #expect(root.resolve("https://pub-123.r2.dev/") == .unparseable(.emptyKey))
    }

    @Test("alternate bases resolve but are never written")
    func alternateBases() {
        let m = KeyMapping(
            publicBase: Self.base, alternateBases: ["https://pub-old.r2.dev", Self.base + "/", "https://pub-old.r2.dev/"])
        #expect(m.alternateBases == ["https://pub-old.r2.dev"])
        #expect(m.resolve("https://pub-old.r2.dev/fichas/a b.pdf") == .key("fichas/a b.pdf"))
        #expect(m.resolve("https://pub-old.r2.dev/fichas/a%20b.pdf") == .key("fichas/a b.pdf"))
        #expect(m.url(for: "fichas/a b.pdf") == Self.base + "/fichas/a%20b.pdf")
        #expect(m.base(of: "https://pub-old.r2.dev/x") == "https://pub-old.r2.dev")
        #expect(m.base(of: Self.base + "/x") == Self.base)
        #expect(
            m.urlForms(for: "a b") == [
                Self.base + "/a%20b", Self.base + "/a b", "https://pub-old.r2.dev/a%20b", "https://pub-old.r2.dev/a b",
            ])
    }

    @Test("url prefixes for catalog scoping cover both forms (a superset)")
    func urlPrefixes() {
        let m = KeyMapping(publicBase: Self.base, alternateBases: ["https://old.example.com"])
        #expect(m.urlPrefixes(forKeyPrefix: "fichas/") == [Self.base + "/fichas/", "https://old.example.com/fichas/"])
        #expect(mapping.urlPrefixes(forKeyPrefix: "") == [Self.base + "/"])
        #expect(mapping.urlPrefixes(forKeyPrefix: "minhas fotos/") == [Self.base + "/minhas"])
        #expect(mapping.urlPrefixes(forKeyPrefix: "ação/") == [Self.base + "/a"])
        // Every spelling of every key under the prefix starts with a returned prefix.
        for keyPrefix in ["fichas/", "minhas fotos/", "ação/", "100%/", "a+b/"] {
            let prefixes = mapping.urlPrefixes(forKeyPrefix: keyPrefix)
            for key in [keyPrefix + "x.pdf", keyPrefix + "sub/y z.pdf"] {
                let nfd = key.replacing("ç", with: "c\u{327}").replacing("ã", with: "a\u{303}")
                for url in mapping.urlForms(for: key) + mapping.urlForms(for: nfd) {
                    #expect(prefixes.contains { url.utf8.starts(with: $0.utf8) }, "\(url)")
                }
            }
        }
    }
}
