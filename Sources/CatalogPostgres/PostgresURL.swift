/// Facts r2s reads from a `DATABASE_URL` without handing it to anyone: the redacted form for
/// display, and whether it targets a transaction pooler.
enum PostgresURL {
    /// `postgres://user@host:port/db` without password or query (or the conninfo's host/port/
    /// dbname/user keys); never contains a secret.
    static func redacted(_ url: String) -> String {
        if let schemeEnd = url.firstRange(of: "://") {
            let scheme = url[..<schemeEnd.lowerBound]
            var rest = url[schemeEnd.upperBound...]
            if let q = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<q] }
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            let path = rest[authorityEnd...]
            if let at = authority.lastIndex(of: "@") {
                let user = authority[..<at].split(separator: ":", maxSplits: 1).first ?? ""
                authority = Substring(user + "@" + authority[authority.index(after: at)...])
            }
            return "\(scheme)://\(authority)\(path)"
        }
        // key=value conninfo: keep only harmless keys.
        let keep: Set<String> = ["host", "hostaddr", "port", "dbname", "user"]
        let pairs = url.split(separator: " ").compactMap { pair -> String? in
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, keep.contains(String(kv[0])) else { return nil }
            return String(pair)
        }
        return "postgres (" + pairs.joined(separator: " ") + ")"
    }
}
