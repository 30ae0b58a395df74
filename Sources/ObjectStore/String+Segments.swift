extension String {
    /// The text after the last `/` (all of it without one): what
    /// `split(separator: "/", omittingEmptySubsequences: false).last` gives, without building
    /// every segment (sync asks this of every key and row).
    package var lastPathSegment: Substring {
        let bytes = utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return self[...] }
        // `split` cuts on Characters: a `/` joined to a neighbour (a combining mark after it, a
        // prepended mark before it) separates nothing there. Between ASCII bytes it always does.
        let after = bytes.index(after: slash)
        let asciiAfter = after == bytes.endIndex || bytes[after] < 0x80
        let asciiBefore = slash == bytes.startIndex || bytes[bytes.index(before: slash)] < 0x80
        guard asciiAfter, asciiBefore else {
            return split(separator: "/", omittingEmptySubsequences: false).last ?? self[...]
        }
        return self[after...]
    }
}
