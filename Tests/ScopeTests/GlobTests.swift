import Scope
import Testing

@Suite struct GlobTests {
    /// (pattern, key, matches)
    static let table: [(String, String, Bool)] = [
        // `*` stays within a segment; unanchored patterns match any tail after a `/`.
        ("*.pdf", "a.pdf", true),
        ("*.pdf", "fichas/2024/a.pdf", true),
        ("*.pdf", "a.pdf.bak", false),
        ("*.pdf", "a.PDF", false),
        ("fichas/*.pdf", "fichas/a.pdf", true),
        ("fichas/*.pdf", "x/fichas/a.pdf", true),
        ("fichas/*.pdf", "x/meufichas/a.pdf", false),
        ("fichas/*.pdf", "fichas/sub/a.pdf", false),
        // `/` anchors at the start of the key.
        ("/fichas/*.pdf", "fichas/a.pdf", true),
        ("/fichas/*.pdf", "x/fichas/a.pdf", false),
        // `**` crosses segments.
        ("fichas/**.pdf", "fichas/sub/deep/a.pdf", true),
        ("/fichas/**", "fichas/a", true),
        ("/fichas/**", "fichas2/a", false),
        ("**/tmp/**", "a/tmp/b", true),
        ("/**", "anything/at/all", true),
        // A trailing `/` names a folder and everything in it.
        ("tmp/", "tmp/a.txt", true),
        ("tmp/", "x/tmp/deep/a.txt", true),
        ("tmp/", "tmpfile", false),
        ("tmp/", "tmp", false),
        // `?`, classes, braces, escapes.
        ("?.txt", "a.txt", true),
        ("?.txt", "ab.txt", false),
        ("a?b", "a/b", false),
        ("img[0-9].png", "img7.png", true),
        ("img[0-9].png", "imgx.png", false),
        ("img[!0-9].png", "imgx.png", true),
        ("img[^0-9].png", "img7.png", false),
        ("[]]x", "]x", true),
        ("*.{jpg,png}", "a/b.png", true),
        ("*.{jpg,png}", "a/b.gif", false),
        ("{fichas,fotos}/**", "fotos/a/b", true),
        ("a{b,{c,d}}e", "ade", true),
        ("\\*.txt", "*.txt", true),
        ("\\*.txt", "a.txt", false),
        // Unicode: NFC and NFD spellings of a key or pattern are one.
        ("ação/*", "ação/x", true),
        ("ac\u{327}a\u{303}o/*", "ação/x", true),
        ("ação/*", "ac\u{327}a\u{303}o/x", true),
        ("?ção", "ação", true),
        ("*.png", "emoji/😀.png", true),
        ("?", "😀", true),
        ("foto + legenda 100%.jpg", "fichas/foto + legenda 100%.jpg", true),
    ]

    @Test("rclone-style glob semantics", arguments: table)
    func glob(pattern: String, key: String, matches: Bool) throws {
        #expect(try Glob(pattern).matches(key) == matches)
    }

    @Test("case is ignored only when asked")
    func ignoreCase() throws {
        #expect(try Glob("*.pdf", ignoreCase: true).matches("A.PDF"))
        #expect(try Glob("FICHAS/*", ignoreCase: true).matches("fichas/x"))
        #expect(try Glob("ÇÃO/*", ignoreCase: true).matches("ção/x"))
        #expect(try !Glob("FICHAS/*").matches("fichas/x"))
    }

    /// Found by the glob fuzzer (Tests/Fuzz/glob): `/` is the root folder, so like every folder
    /// pattern (`x/` ≡ `x/**`) it matches what `/**` matches, i.e. every key.
    @Test("the root folder pattern '/' matches like '/**'", arguments: ["a", "a/b/c.pdf", "/x"])
    func rootFolderPattern(key: String) throws {
        #expect(try Glob("/").matches(key) == Glob("/**").matches(key))
        #expect(try Glob("/").matches(key))
    }

    @Test("malformed patterns are rejected with a reason", arguments: ["img[0-9.png", "*.{jpg,png", "a}b", "", "x\\", "[z-a]"])
    func malformed(pattern: String) {
        #expect(throws: ScopeError.self) { try Glob(pattern) }
    }

    @Test("long keys and many stars stay fast (no backtracking blow-up)")
    func pathological() throws {
        let key = String(repeating: "a", count: 1000) + "b"
        #expect(try !Glob("/" + String(repeating: "*a", count: 30) + "c").matches(key))
        #expect(try Glob(String(repeating: "**a", count: 30) + "b").matches(key))
    }
}
