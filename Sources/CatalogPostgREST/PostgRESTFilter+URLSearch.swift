import Catalog

extension PostgRESTFilter {
    /// A `URLSearch` as filters: the scope's filters and one `or` tree of the search terms,
    /// combined under a single `and` when the scope has a logic tree of its own.
    ///
    /// Substrings become `url.like.*…*` with `%`, `_` and `\` LIKE-escaped and the term quoted
    /// PostgREST's way. A literal `*` cannot be said in `like` (PostgREST reads every `*` as `%`),
    /// so a substring holding one becomes `url.match.<escaped regex>` instead: still exact on the
    /// server, so the `limit` never cuts matching rows behind approximate ones. Characters outside
    /// printable ASCII become `url.match.[^ -~]` (PostgREST's `match` is PostgreSQL's `~`).
    static func filters(_ search: URLSearch) -> [(String, String)] {
        var terms = search.substrings.map { text in
            text.contains("*")
                ? "url.match." + quoted(regexEscaped(text))
                : "url.like." + quoted("*" + CatalogPattern.likeEscaped(text) + "*")
        }
        if search.outsidePrintableASCII { terms.append("url.match." + quoted("[^ -~]")) }
        let tree = "or(" + terms.joined(separator: ",") + ")"
        var out = filters(search.scope)
        if let i = out.firstIndex(where: { $0.0 == "or" || $0.0 == "and" }) {
            let scopeTree = out.remove(at: i)
            out.append(("and", "(" + scopeTree.0 + scopeTree.1 + "," + tree + ")"))
        } else {
            out.append(("or", "(" + terms.joined(separator: ",") + ")"))
        }
        return out
    }

    /// `text` as a PostgreSQL regular expression (ARE) that matches it literally.
    static func regexEscaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\.^$|?*+()[]{}".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
