import Testing

@testable import S3

@Suite struct XMLParserTests {
    func parse(_ text: String) throws -> XMLNode { try XMLParser.parse(Array(text.utf8)) }

    @Test func entitiesAndCharacterReferences() throws {
        let root = try parse(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<R><K>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#37;&#x2B;&#128512;&#xe9;</K></R>")
        #expect(root.value("K") == "a & b <c> \"d\" 'e' %+😀é")
    }

    @Test("numeric references: plain digits on bytes, the rest as Swift's integer parsing reads them")
    func numericReferences() throws {
        #expect(try parse("<E>&#34;9dd4&#34;</E>").text == "\"9dd4\"")
        #expect(try parse("<E>&#x22;&#x00041;&#00000065;</E>").text == "\"AA")
        #expect(try parse("<E>&#+34;</E>").text == "\"", "a sign was always accepted")
        for doc in ["<E>&#X22;</E>", "<E>&#xD800;</E>", "<E>&#4294967296;</E>", "<E>&#;</E>", "<E>&#x;</E>"] {
            #expect(throws: XMLParseError.self, "\(doc)") { _ = try parse(doc) }
        }
    }

    @Test func unknownOrBrokenEntitiesThrow() {
        for doc in ["<R>&nbsp;</R>", "<R>&amp</R>", "<R>&#xZZ;</R>", "<R>&#1114112;</R>"] {
            #expect(throws: XMLParseError.self) { _ = try parse(doc) }
        }
    }

    @Test func structureNamespacesAttributesAndSelfClosing() throws {
        let root = try parse("""
            <ns:ListBucketResult xmlns:ns="http://s3.amazonaws.com/doc/2006-03-01/" a='1 &amp; 2'>
              <!-- a comment -->
              <ns:Name>bkt</ns:Name>
              <Empty/>
              <Empty2 x="y" />
              <Contents><Key>k1</Key></Contents>
              <Contents><Key>k2</Key></Contents>
            </ns:ListBucketResult>
            """)
        #expect(root.name == "ListBucketResult")
        #expect(root.value("Name") == "bkt")
        #expect(root.value("Empty") == "")
        #expect(root.child("Empty2") != nil)
        #expect(root.children("Contents").compactMap { $0.value("Key") } == ["k1", "k2"])
        #expect(root.child("Missing") == nil)
    }

    @Test("names are cut at their last : and end tags match byte for byte or canonically, as before")
    func namesAndEndTags() throws {
        #expect(try parse("<a:b:Key>k</a:b:Key>").name == "Key")
        #expect(try parse("<Clé>v</Clé>").name == "Clé")
        // An end tag spelling the name in the other normal form still closes it (String ==).
        #expect(try parse("<Cl\u{E9}>v</Cle\u{301}>").text == "v")
        // A `:` joined to a combining mark is no prefix separator (Characters, as before).
        #expect(try parse("<a:\u{301}b>v</a:\u{301}b>").name == "a:\u{301}b")
        #expect(throws: XMLParseError.self) { _ = try parse("<Key>v</Kex>") }
        #expect(throws: XMLParseError.self) { _ = try parse("<Key>v</Ke>") }
        // Text with and without references, CR and whitespace runs between elements.
        let root = try parse("<R>\n  <K>a&quot;b</K>\n  <K>plain</K><K>c\r\nd</K></R>")
        #expect(root.children("K").map(\.text) == ["a\"b", "plain", "c\nd"])
        #expect(root.text == "\n  \n  ")
    }

    @Test func cdataIsLiteral() throws {
        #expect(try parse("<R><![CDATA[<not> &amp; a tag]]></R>").text == "<not> &amp; a tag")
    }

    @Test func lineEndsAreNormalisedButReferencesSurvive() throws {
        #expect(try parse("<R>a\r\nb\rc&#13;d</R>").text == "a\nb\nc\rd")
    }

    @Test func malformedDocumentsThrow() {
        // `<]??:/>` (found by the xml fuzzer) and `<a:/>` have a prefix but an empty local name.
        for doc in [
            "", "text", "<A><B></A></B>", "<A>", "<A></A><B></B>", "<A x=1></A>", "<A><!-- open</A>", "<A>x</A",
            "<]??:/>", "<a:/>", "<:></:>", "<A><b:></b:></A>",
        ] {
            #expect(throws: XMLParseError.self) { _ = try parse(doc) }
        }
    }

    @Test func escapingRoundTrips() throws {
        let nasty = "a&b<c>\"d\"'e'\r\n\tf 😀 e\u{301}"
        let root = try parse("<K>\(XMLEscaping.escape(nasty))</K>")
        #expect(Array(root.text.utf8) == Array(nasty.utf8))
    }
}
