/// A targeted read: the rows of a scope whose `url` contains any of some substrings, or any
/// character outside printable ASCII — what `R2S_URL_STYLE=auto` looks for, wherever such rows
/// sit in the table, without reading the rows around them.
public struct URLSearch: Sendable, Hashable {
    /// Which rows are searched (deleted state, url prefixes, content types).
    public var scope: RecordQuery
    /// Rows whose url contains any of these, compared exactly (case-sensitive; `%`, `_`, `*`
    /// and `\` are plain characters here, never wildcards).
    public var substrings: [String]
    /// Also rows whose url holds a character outside `U+0020…U+007E` (controls, DEL, non-ASCII).
    public var outsidePrintableASCII: Bool
    /// The most rows returned (the first ones in id order). Stores may cap it lower (PostgREST's
    /// max-rows); a short result is never an error here: this is a search, not a complete read.
    public var limit: Int

    public init(scope: RecordQuery, substrings: [String], outsidePrintableASCII: Bool = false, limit: Int) {
        self.scope = scope
        self.substrings = substrings.filter { !$0.isEmpty }
        self.outsidePrintableASCII = outsidePrintableASCII
        self.limit = limit
    }

    /// True when the search asks for nothing (no substring, no character class): no row matches.
    public var isEmpty: Bool { substrings.isEmpty && !outsidePrintableASCII }

    /// True when `record` is in scope and its url matches (the definition every store follows,
    /// and the client-side re-check of stores whose server filter over-approximates).
    public func matches(_ record: CatalogRecord) -> Bool {
        guard scope.matches(record) else { return false }
        let url = record.url
        if outsidePrintableASCII, url.unicodeScalars.contains(where: { !(0x20...0x7E).contains($0.value) }) { return true }
        return substrings.contains { url.utf8.firstRange(of: $0.utf8) != nil }
    }
}

extension CatalogStore {
    /// Default for stores without a server-side substring filter: scans the scope in id order
    /// and stops at `limit` matches. The shipped stores (SQLite, Postgres, PostgREST) override it
    /// with one query.
    public func records(matching search: URLSearch) async throws -> [CatalogRecord] {
        guard !search.isEmpty, search.limit > 0 else { return [] }
        var out: [CatalogRecord] = []
        for try await page in records(search.scope) {
            for row in page where search.matches(row) {
                out.append(row)
                if out.count >= search.limit { return out }
            }
        }
        return out
    }
}
