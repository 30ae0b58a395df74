public import Catalog

extension PostgresCatalog {
    /// The target of a `DATABASE_URL` without connecting: `host:port/db` (no user, no password,
    /// no query), e.g. `postgres db.example.com:5432/postgres table storage`.
    public static func target(url: String, table: String) -> CatalogTarget {
        CatalogTarget(kind: "postgres", location: PostgresURL.hostAndDatabase(url), table: table)
    }
}

extension PostgresURL {
    /// `host:port/db` of a url or conninfo string; never the user or password.
    static func hostAndDatabase(_ url: String) -> String {
        let redacted = redacted(url)
        if let schemeEnd = redacted.firstRange(of: "://") {
            let rest = redacted[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            return (authority.isEmpty ? "localhost" : String(authority)) + rest[authorityEnd...]
        }
        var host = "localhost", port: String?, db: String?
        for pair in url.split(separator: " ") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "host", "hostaddr": host = kv[1]
            case "port": port = kv[1]
            case "dbname": db = kv[1]
            default: break
            }
        }
        return host + (port.map { ":" + $0 } ?? "") + (db.map { "/" + $0 } ?? "")
    }
}
