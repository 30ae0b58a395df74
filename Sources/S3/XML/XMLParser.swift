import ObjectStore

/// A minimal, strict XML 1.0 parser for S3 responses, on bytes.
///
/// Handles: the XML declaration and processing instructions, comments, a DOCTYPE without an
/// internal subset, CDATA sections, attributes (parsed and dropped), self-closing elements, and the
/// five predefined entities plus decimal/hex character references in text and attribute values.
/// Line ends are normalised as XML requires (CR LF and lone CR become LF), which is why a key
/// containing CR must arrive as `&#13;`. Mismatched tags, unknown entities and truncated input
/// throw. Not handled (S3 never sends them): DTD-declared entities.
struct XMLParser {
    private let bytes: [UInt8]
    private var i = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `bytes` and returns the root element.
    static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLNode {
        var parser = XMLParser(bytes)
        return try parser.document()
    }

    // MARK: document structure

    private mutating func document() throws(XMLParseError) -> XMLNode {
        try skipMisc()
        guard peek() == UInt8(ascii: "<") else { throw fail("expected the root element") }
        let root = try element()
        try skipMisc()
        guard i == bytes.count else { throw fail("content after the root element") }
        return root
    }

    /// Skips whitespace, comments, processing instructions and a DOCTYPE outside the root.
    private mutating func skipMisc() throws(XMLParseError) {
        while true {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            if starts("<?") {
                try skip(past: "?>")
            } else if starts("<!--") {
                try skip(past: "-->")
            } else if starts("<!DOCTYPE") {
                try skip(past: ">")
            } else {
                return
            }
        }
    }

    private mutating func element() throws(XMLParseError) -> XMLNode {
        i += 1  // '<'
        let qualified = try nameRange()
        var node = XMLNode(name: localName(qualified))
        // Attributes: parsed for well-formedness, not kept (S3 only sends xmlns here).
        while true {
            skipSpace()
            guard let c = peek() else { throw fail("truncated start tag") }
            if c == UInt8(ascii: "/") {
                guard starts("/>") else { throw fail("expected />") }
                i += 2
                return node
            }
            if c == UInt8(ascii: ">") {
                i += 1
                break
            }
            _ = try name()
            skipSpace()
            guard peek() == UInt8(ascii: "=") else { throw fail("expected = in attribute") }
            i += 1
            skipSpace()
            guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw fail("expected a quoted attribute value")
            }
            i += 1
            _ = try characterData(until: quote)
            i += 1
        }
        try content(into: &node)
        // End tag.
        i += 2  // '</'
        let closing = try nameRange()
        // Bytes first (no String per end tag); `String ==` only decides when they differ, so
        // canonically equivalent non-ASCII names still match as before.
        guard bytes[closing].elementsEqual(bytes[qualified]) || text(closing) == text(qualified) else {
            throw fail("</\(text(closing))> closes <\(text(qualified))>")
        }
        skipSpace()
        guard peek() == UInt8(ascii: ">") else { throw fail("expected > after end tag name") }
        i += 1
        return node
    }

    /// Reads children and text up to (not including) the matching `</`.
    private mutating func content(into node: inout XMLNode) throws(XMLParseError) {
        while true {
            guard i < bytes.count else { throw fail("<\(node.name)> is not closed") }
            if bytes[i] != UInt8(ascii: "<") {
                let text = try characterData(until: UInt8(ascii: "<"))
                if node.text.isEmpty { node.text = text } else { node.text += text }
            } else if starts("</") {
                return
            } else if starts("<!--") {
                try skip(past: "-->")
            } else if starts("<![CDATA[") {
                i += 9
                let start = i
                try skip(past: "]]>")
                node.text += normalisedLineEnds(bytes[start..<(i - 3)])
            } else if starts("<?") {
                try skip(past: "?>")
            } else {
                // Room for a Contents entry's fields at once (an array grown 1, 2, 4, 8 is four
                // allocations per listed object).
                if node.children.isEmpty { node.children.reserveCapacity(8) }
                node.children.append(try element())
            }
        }
    }

    // MARK: text

    /// Character data up to `terminator` (not consumed), with references decoded. Line ends are
    /// normalised in the literal runs only: a `&#13;` reference is a real CR and must stay one.
    private mutating func characterData(until terminator: UInt8) throws(XMLParseError) -> String {
        // Most text (keys, sizes, dates) has no reference and no CR: one String straight from
        // the document's bytes, without an intermediate buffer.
        var end = i
        while end < bytes.count {
            let c = bytes[end]
            if c == terminator || c == UInt8(ascii: "&") || c == UInt8(ascii: "<") || c == 13 { break }
            end += 1
        }
        if end < bytes.count, bytes[end] == terminator {
            defer { i = end }
            return String(decoding: bytes[i..<end], as: UTF8.self)
        }
        var out: [UInt8] = []
        var runStart = i
        while true {
            guard i < bytes.count else { throw fail("unexpected end of document") }
            let c = bytes[i]
            if c == terminator { break }
            if c == UInt8(ascii: "&") {
                appendNormalised(bytes[runStart..<i], to: &out)
                try reference(into: &out)
                runStart = i
            } else if c == UInt8(ascii: "<") {
                throw fail("< inside an attribute value")
            } else {
                i += 1
            }
        }
        appendNormalised(bytes[runStart..<i], to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `&name;` or `&#N;` / `&#xH;` at `i` and appends its UTF-8 bytes.
    private mutating func reference(into out: inout [UInt8]) throws(XMLParseError) {
        let start = i
        guard let semicolon = bytes[i...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 12 else {
            throw fail("unterminated entity reference")
        }
        let name = bytes[(i + 1)..<semicolon]
        // The five predefined entities by their bytes: S3 quotes every ETag with `&quot;`.
        if let byte = Self.predefined.first(where: { name.elementsEqual($0.name) })?.byte {
            i = semicolon + 1
            out.append(byte)
            return
        }
        // Plain digits (SeaweedFS quotes ETags with `&#34;`): decoded on bytes. Anything else a
        // number may look like (a sign, `#X`) takes the String path below, as before.
        if let scalar = Self.numericReference(name) {
            i = semicolon + 1
            UTF8.encode(scalar) { out.append($0) }
            return
        }
        let body = String(decoding: name, as: UTF8.self)
        i = semicolon + 1
        var value: UInt32?
        if body.hasPrefix("#x") {
            value = UInt32(body.dropFirst(2), radix: 16)
        } else if body.hasPrefix("#") {
            value = UInt32(body.dropFirst(), radix: 10)
        }
        guard let value, let scalar = Unicode.Scalar(value) else {
            i = start
            throw fail("unknown entity &\(body);")
        }
        out.append(contentsOf: String(Character(scalar)).utf8)
    }

    /// CR LF → LF and lone CR → LF (XML 1.0 §2.11), then UTF-8 decoding.
    private func normalisedLineEnds(_ slice: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        appendNormalised(slice, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `slice` with CR LF and lone CR turned into LF.
    private func appendNormalised(_ slice: ArraySlice<UInt8>, to out: inout [UInt8]) {
        guard slice.contains(13) else {
            out.append(contentsOf: slice)
            return
        }
        var previousCR = false
        for b in slice {
            if b == 13 {
                out.append(10)
                previousCR = true
            } else {
                if !(b == 10 && previousCR) { out.append(b) }
                previousCR = false
            }
        }
    }

    // MARK: lexing helpers

    private mutating func name() throws(XMLParseError) -> String { text(try nameRange()) }

    /// Where the name at `i` lies in `bytes` (no String made: end tags only compare bytes).
    private mutating func nameRange() throws(XMLParseError) -> Range<Int> {
        let start = i
        while i < bytes.count {
            let c = bytes[i]
            if isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=") { break }
            i += 1
        }
        // A prefix needs a local name after it (`<a:/>` names nothing).
        guard i > start, bytes[i - 1] != UInt8(ascii: ":") else { throw fail("expected a name") }
        return start..<i
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The name after its last `:`. ASCII names (all S3 sends) are cut on bytes; others by
    /// Character as before, where a `:` followed by a combining mark is not a separator.
    private func localName(_ qualified: Range<Int>) -> String {
        let name = bytes[qualified]
        guard name.allSatisfy({ $0 < 0x80 }) else {
            let text = text(qualified)
            guard let colon = text.lastIndex(of: ":") else { return text }
            return String(text[text.index(after: colon)...])
        }
        guard let colon = name.lastIndex(of: UInt8(ascii: ":")) else { return text(qualified) }
        return text((colon + 1)..<qualified.upperBound)
    }

    /// `#N` or `#xH` with 1–8 plain digits (so no overflow) naming a valid scalar, else nil.
    private static func numericReference(_ name: ArraySlice<UInt8>) -> Unicode.Scalar? {
        guard name.first == UInt8(ascii: "#") else { return nil }
        var digits = name.dropFirst()
        let hex = digits.first == UInt8(ascii: "x")
        if hex { digits = digits.dropFirst() }
        guard (1...8).contains(digits.count) else { return nil }
        var value: UInt32 = 0
        for b in digits {
            guard let digit = hex ? PercentCoding.hexValue(b) : (b >= 0x30 && b <= 0x39 ? b - 0x30 : nil) else { return nil }
            value = value * (hex ? 16 : 10) + UInt32(digit)
        }
        return Unicode.Scalar(value)
    }

    private static let predefined: [(name: [UInt8], byte: UInt8)] = [
        (Array("quot".utf8), UInt8(ascii: "\"")), (Array("amp".utf8), UInt8(ascii: "&")),
        (Array("lt".utf8), UInt8(ascii: "<")), (Array("gt".utf8), UInt8(ascii: ">")),
        (Array("apos".utf8), UInt8(ascii: "'")),
    ]

    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    private mutating func skipSpace() { while i < bytes.count, isSpace(bytes[i]) { i += 1 } }

    private func starts(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        return literal.withUTF8Buffer { lit in
            for k in 0..<n where bytes[i + k] != lit[k] { return false }
            return true
        }
    }

    /// Moves `i` just past the next occurrence of `literal`.
    private mutating func skip(past literal: StaticString) throws(XMLParseError) {
        while i < bytes.count {
            if starts(literal) {
                i += literal.utf8CodeUnitCount
                return
            }
            i += 1
        }
        throw fail("unterminated construct (missing \(literal))")
    }

    private func fail(_ reason: String) -> XMLParseError { XMLParseError(reason: reason, offset: i) }
}
