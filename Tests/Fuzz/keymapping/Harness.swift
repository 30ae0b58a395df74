// libFuzzer target: KeyMapping, url ⇄ key. The first byte picks a public base; the rest is a key
// (and, read as a url, must resolve without trapping).
@testable import ObjectStore

let bases = [
    KeyMapping(publicBase: "https://files.example.com"),
    KeyMapping(publicBase: "https://cdn.example.com/media/", alternateBases: ["https://pub-1.r2.dev"]),
    KeyMapping(publicBase: "http://127.0.0.1:9000/b%20c"),
    KeyMapping(publicBase: "HTTPS://Files.Example.com:8443/a+b"),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyMapping(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let mapping = bases[Int(data[0]) % bases.count]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)

    // Any text read as a url: no trap, and `base(of:)` agrees with `resolve`.
    let resolved = mapping.resolve(text)
    if case .key = resolved { check(mapping.base(of: text) != nil, "a resolved url has no base") }
    _ = mapping.resolve(mapping.publicBase + "/" + text)
    _ = mapping.urlPrefixes(forKeyPrefix: text)

    // The same text as a key: the url r2s writes must name it again (in NFC).
    let key = text
    let canonical = KeyMapping.canonicalKey(key)
    guard !key.isEmpty, canonical.utf8.count <= KeyMapping.maxKeyBytes else { return 0 }
    let url = mapping.url(for: key)
    check(mapping.resolve(url) == .key(canonical), "url(for:) did not round-trip")
    check(mapping.base(of: url) == mapping.publicBase, "url(for:) is not under the public base")
    // Candidate resolution (issue 11): the url r2s writes names the key as spelled, and when
    // only that object exists `match` picks it, whatever other readings the url has.
    let candidates = mapping.candidates(url).keys
    check(candidates.contains { $0.utf8.elementsEqual(key.utf8) }, "candidates(url(for:)) lost the key")
    let only = mapping.match(url) { $0.utf8.elementsEqual(key.utf8) ? $0 : nil }
    check(only == .key(key), "match did not pick the one existing candidate")
    // Every candidate existing: never a silent pick when two differ (ambiguous), else that key.
    switch mapping.match(url, exists: { $0 }) {
    case .key: check(candidates.count == 1, "match chose one of several existing keys")
    default: break
    }
    // The raw and app-encoded spellings resolve without trapping.
    for style in [URLStyle.raw, .encoded(EncodedSpelling(spaceAsPlus: true, lowercaseHex: true))] {
        let written = mapping.writing(style).url(for: key)
        _ = mapping.match(written) { $0.utf8.elementsEqual(key.utf8) ? $0 : nil }
    }
    for form in mapping.urlForms(for: key) {
        let r = mapping.resolve(form)
        // A raw form (unencoded key) with `%` is ambiguous by design (see KeyMapping's docs).
        // (Scalars: U+0603 and the like join the *next* character into one Character.)
        if key.unicodeScalars.contains("%") { continue }
        check(r == .key(canonical), "urlForms(for:) gave a url that names another key")
    }
    return 0
}

/// `precondition` drops its message in -O builds; the fuzzer's crash log should say what broke.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: " + message()) }
}
