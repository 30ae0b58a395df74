import ObjectStore
import Testing

/// The one rule that ties a catalog url to an object (issue 11 §1): candidate keys, and the one
/// that exists wins.
@Suite struct KeyMappingCandidatesTests {
    static let base = "https://cdn.example.com"
    let mapping = KeyMapping(publicBase: Self.base)

    @Test("a raw url with a literal %25 names the decoded and the literal key, decoded first")
    func literalPercent() {
        let url = Self.base + "/raw/sp ace +plus%25#h?q.txt"
        #expect(mapping.candidates(url) == .keys(["raw/sp ace +plus%#h?q.txt", "raw/sp ace +plus%25#h?q.txt"]))
    }

    @Test("an encoded url of an NFD key names the NFD spelling first, then NFC")
    func unicodeForms() {
        let nfd = "n/cafe\u{301}.txt"
        let keys = mapping.candidates(mapping.url(for: nfd)).keys
        #expect(keys.first.map { Array($0.utf8) } == Array(nfd.utf8))
        #expect(keys.contains { Array($0.utf8) == Array("n/caf\u{E9}.txt".utf8) })
    }

    @Test("a url without percent signs has one reading")
    func plain() {
        #expect(mapping.candidates(Self.base + "/a b/c+d.txt") == .keys(["a b/c+d.txt"]))
        #expect(mapping.candidates("https://other.example/a.txt") == .foreign)
        #expect(mapping.candidates(Self.base + "/") == .unparseable(.emptyKey))
    }

    @Test("a url that does not decode stays unparseable (as sync reports it)")
    func invalidEscape() {
        #expect(mapping.candidates(Self.base + "/bad%FF.txt") == .unparseable(.invalidUTF8))
    }

    @Test("the candidate that exists wins; none is missing; two are ambiguous")
    func choose() {
        let url = Self.base + "/raw/sp ace +plus%25#h?q.txt"
        let literal = "raw/sp ace +plus%25#h?q.txt", decoded = "raw/sp ace +plus%#h?q.txt"
        #expect(mapping.match(url) { $0 == literal ? literal : nil } == .key(literal))
        #expect(mapping.match(url) { $0 == decoded ? decoded : nil } == .key(decoded))
        #expect(mapping.match(url) { _ in nil } == .missing(decoded))
        #expect(mapping.match(url) { $0 } == .ambiguous([decoded, literal]))
        // Two spellings that reach one object (R2 folds NFC and NFD) are one match.
        let nfd = "n/cafe\u{301}.txt"
        #expect(mapping.match(mapping.url(for: nfd)) { _ in nfd } == .key(nfd))
    }
}
