import ObjectStore
import R2STestSupport
import Testing

/// `R2S_URL_STYLE`: the spellings r2s can write, and how `auto` reads them from stored urls.
@Suite("url style")
struct URLStyleTests {
    static let base = "https://files.example.com"

    /// The key part of each url, for the evidence.
    static func evidence(_ paths: [String]) -> URLStyleEvidence {
        var e = URLStyleEvidence()
        for p in paths { e.add(path: Array(p.utf8)) }
        return e
    }

    @Test("the test port of Python's quote(key, safe='/') gives Python's output (values from CPython 3)")
    func pythonQuotePort() {
        #expect(OriginalAppSync.pythonQuote("fichas/Relatório Anual 2024.pdf") == "fichas/Relat%C3%B3rio%20Anual%202024.pdf")
        #expect(OriginalAppSync.pythonQuote("a+b (1) #2?.pdf") == "a%2Bb%20%281%29%20%232%3F.pdf")
        #expect(OriginalAppSync.pythonQuote("100% certo.pdf") == "100%25%20certo.pdf")
        #expect(OriginalAppSync.pythonQuote("café/ñ~x_y-z.pdf") == "caf%C3%A9/%C3%B1~x_y-z.pdf")
        #expect(OriginalAppSync.pythonQuote("it's!*") == "it%27s%21%2A")
    }

    @Test("each style writes its spelling; the key's own bytes are kept (NFD stays NFD)")
    func writing() {
        let key = "fichas/foto + legenda 100% (1).jpg"
        #expect(URLStyle.raw.path(for: key) == key)
        #expect(URLStyle.r2s.path(for: key) == "fichas/foto%20%2B%20legenda%20100%25%20%281%29.jpg")
        let js = EncodedSpelling(literal: Set("!'()*".utf8))
        #expect(URLStyle.encoded(js).path(for: key) == "fichas/foto%20%2B%20legenda%20100%25%20(1).jpg")
        let form = EncodedSpelling(spaceAsPlus: true, lowercaseHex: true)
        #expect(URLStyle.encoded(form).path(for: "a b/é+") == "a+b/%c3%a9%2b")
        let nfd = "cafe\u{301}.txt"
        #expect(URLStyle.r2s.path(for: nfd) == "cafe%CC%81.txt")
        #expect(KeyMapping(publicBase: Self.base, writeStyle: .raw).url(for: "a b.pdf") == Self.base + "/a b.pdf")
        #expect(KeyMapping(publicBase: Self.base, writeStyle: .raw).link(for: "a b.pdf") == Self.base + "/a%20b.pdf")
        #expect(KeyMapping(publicBase: Self.base, writeStyle: .raw).urlForms(for: "a b.pdf").contains(Self.base + "/a b.pdf"))
    }

    @Test("one url's spelling: plain, raw, encoded or ambiguous")
    func classify() {
        #expect(URLSpelling(path: Array("fichas/a.pdf".utf8)) == .plain)
        #expect(URLSpelling(path: Array("fichas/a b.pdf".utf8)) == .raw)
        #expect(URLSpelling(path: Array("fichas/Relatório.pdf".utf8)) == .raw)
        #expect(URLSpelling(path: Array("fichas/100%.pdf".utf8)) == .raw)
        #expect(URLSpelling(path: Array("fichas/a%20b.pdf".utf8)) == .encoded)
        #expect(URLSpelling(path: Array("fichas/a+b.pdf".utf8)) == .ambiguous)
    }

    @Test("auto: no evidence without keys that need escaping; raw and encoded catalogs are recognised")
    func inference() {
        #expect(Self.evidence([]).inferred == nil)
        #expect(Self.evidence(["a.pdf", "b/c.pdf", "a+b.pdf"]).inferred == nil)
        #expect(Self.evidence(["a.pdf", "Relatório Anual.pdf"]).inferred == .raw)
        #expect(Self.evidence(["Relat%C3%B3rio%20Anual.pdf", "x.pdf"]).inferred == .r2s)
        // More raw rows than encoded: raw wins, and the mixture is reported.
        let mixed = Self.evidence(["a b.pdf", "c d.pdf", "e%20f.pdf"])
        #expect(mixed.inferred == .raw)
        #expect(mixed.isMixed)
        #expect(!Self.evidence(["a b.pdf", "c d.pdf"]).isMixed)
    }

    @Test("auto learns an encoder's variant: punctuation kept, + for spaces, lowercase hex")
    func variants() {
        let js = Self.evidence(["nota%20(1)!.pdf", "it's%20ok.pdf"])
        #expect(js.inferred == .encoded(EncodedSpelling(literal: Set("!'()".utf8))))
        let plus = Self.evidence(["foto+de+capa%c3%a9.jpg"])
        #expect(plus.inferred == .encoded(EncodedSpelling(spaceAsPlus: true, lowercaseHex: true)))
        // `%20` seen: `+` is a literal plus that encoder keeps.
        let keepsPlus = Self.evidence(["a+b%20c.pdf"])
        #expect(keepsPlus.inferred == .encoded(EncodedSpelling(literal: [UInt8(ascii: "+")])))
    }

    @Test("the key a stored url names, in the url's own spelling, never normalised")
    func storedKey() {
        #expect(KeyMapping.storedKey(keyPart: Array("a b%20.pdf".utf8), spaceAsPlus: false) == "a b%20.pdf")
        #expect(KeyMapping.storedKey(keyPart: Array("a%20b%2B.pdf".utf8), spaceAsPlus: false) == "a b+.pdf")
        #expect(KeyMapping.storedKey(keyPart: Array("a+b%2B.pdf".utf8), spaceAsPlus: true) == "a b+.pdf")
        #expect(KeyMapping.storedKey(keyPart: Array("cafe%CC%81".utf8), spaceAsPlus: false)?.utf8.count == 6)
        let mapping = KeyMapping(publicBase: Self.base + "/")
        #expect(mapping.keyPart(of: Self.base + "/x y").map { Array($0) } == Array("x y".utf8))
        #expect(mapping.keyPart(of: "https://other.example.com/x") == nil)
    }

    @Test("the targeted query's substrings find every row whose spelling is raw or encoded")
    func evidenceSubstringsCoverDecisiveRows() {
        var chars = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        chars += ["é", "\u{80}", "日", "%41", "%zz"]
        for c in chars {
            let key = "dir/a" + c + "b.pdf"
            let spelling = URLSpelling(path: Array(key.utf8))
            let found = URLSpelling.evidenceSubstrings.contains { key.contains($0) }
                || key.unicodeScalars.contains { !(0x20...0x7E).contains($0.value) }
            #expect(found == (spelling == .raw || spelling == .encoded), "\(key.debugDescription) is \(spelling)")
        }
    }
}
