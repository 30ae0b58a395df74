import UserFacing

/// Checks a `postgres://` URL the way libpq will parse it, before libpq sees it: libpq's own
/// parse errors quote the URL (password included), so r2s finds those mistakes first and says
/// which part is wrong without quoting any of it.
///
/// libpq's form: `postgres[ql]://[user[:password]@][host][:port][,host[:port]…][/dbname][?k=v&…]`;
/// user info ends at the first `@` before any `/`, an IPv6 host is written `[…]`, and every
/// part is percent-decoded (`%XX`; `%00` is refused).
enum DatabaseURLCheck {
    /// What is wrong with `url`, or `nil` when libpq will parse it.
    static func problem(_ url: String) -> LocalizedText? {
        guard let schemeEnd = url.firstRange(of: "://") else {
            return LocalizedText(en: "is not a postgres:// URL", ptBR: "não é uma URL postgres://")
        }
        let afterScheme = url[schemeEnd.upperBound...]
        let beforeQuery = afterScheme.firstIndex(of: "?").map { afterScheme[..<$0] } ?? afterScheme
        let firstSlash = beforeQuery.firstIndex(of: "/") ?? beforeQuery.endIndex
        var hosts = beforeQuery[..<firstSlash]
        if let at = hosts.firstIndex(of: "@") {
            let userInfo = hosts[..<at]
            hosts = hosts[hosts.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":")
            let user = colon.map { userInfo[..<$0] } ?? userInfo
            if !isEscaped(user) { return part(en: "user name", pt: "nome de usuário") }
            if let colon, !isEscaped(userInfo[userInfo.index(after: colon)...]) {
                return part(en: "password", pt: "senha")
            }
        }
        if hosts.contains("@") || beforeQuery[firstSlash...].contains("@") {
            return LocalizedText(
                en: "has an '@' or '/' in its user name or password that is not percent-encoded (write %40 and %2F)",
                ptBR: "tem '@' ou '/' no usuário ou na senha sem codificação percentual (escreva %40 e %2F)")
        }
        for host in hosts.split(separator: ",", omittingEmptySubsequences: false) {
            if let problem = hostProblem(host) { return problem }
        }
        if !isEscaped(beforeQuery[firstSlash...]) { return part(en: "database name", pt: "nome do banco") }
        if let q = afterScheme.firstIndex(of: "?"), !isEscaped(afterScheme[afterScheme.index(after: q)...]) {
            return part(en: "parameters", pt: "parâmetros")
        }
        return nil
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port` or empty.
    private static func hostProblem(_ host: Substring) -> LocalizedText? {
        var port: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                return LocalizedText(
                    en: "has an IPv6 host without its closing ']'", ptBR: "tem um host IPv6 sem o ']' de fechamento")
            }
            let after = host[host.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    return LocalizedText(en: "has text after an IPv6 host's ']'", ptBR: "tem texto depois do ']' de um host IPv6")
                }
                port = after.dropFirst()
            }
        } else {
            if host.contains("]") { return LocalizedText(en: "has a stray ']' in its host", ptBR: "tem um ']' solto no host") }
            if let colon = host.lastIndex(of: ":") { port = host[host.index(after: colon)...] }
            if !isEscaped(host) { return part(en: "host", pt: "host") }
        }
        if let port, !port.isEmpty, !(port.allSatisfy { $0.isASCII && $0.isNumber } && (Int(port).map { (1...65535).contains($0) } ?? false)) {
            return LocalizedText(en: "has a port that is not a number from 1 to 65535", ptBR: "tem uma porta que não é um número de 1 a 65535")
        }
        return nil
    }

    private static func part(en: String, pt: String) -> LocalizedText {
        LocalizedText(
            en: "has a bad %-escape in its \(en) (write % as %25, and each escape as % plus two hex digits)",
            ptBR: "tem um escape % inválido em \(pt) (escreva % como %25, e cada escape como % e dois dígitos hexadecimais)")
    }

    /// True when every `%` starts a valid, non-NUL `%XX` escape.
    private static func isEscaped(_ s: Substring) -> Bool {
        PercentDecoding.isWellFormed(s)
    }
}
