public import Catalog

extension PostgRESTCatalog {
    /// The target of a `SUPABASE_URL` without a request: its host (and port), e.g.
    /// `postgrest abcd.supabase.co table storage`. The key is never part of it.
    public static func target(url: String, table: String) -> CatalogTarget {
        var rest = Substring(url)
        if let schemeEnd = rest.firstRange(of: "://") { rest = rest[schemeEnd.upperBound...] }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return CatalogTarget(kind: "postgrest", location: String(authority), table: table)
    }
}
