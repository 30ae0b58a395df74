/// A parsed S3 endpoint URL: `scheme://host[:port][/base/path]`.
///
/// Parsed by hand (no Foundation URL) because r2s needs exactly three things from it: the origin
/// to send to, the `host[:port]` string curl will put in the Host header (which SigV4 signs), and
/// an optional base path (S3 behind a path prefix, e.g. Supabase Storage's `/storage/v1/s3`).
public struct S3Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// Host name or IP literal (IPv6 keeps its brackets).
    public let host: String
    /// Explicit port, if the URL has one.
    public let port: Int?
    /// Path prefix without trailing slash (`""` for none).
    public let basePath: String

    /// Parses `url`; `nil` when it is not an http(s) URL with a host (or carries a query,
    /// fragment or user info, which an endpoint never needs).
    public init?(_ url: String) {
        let lower = url.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") {
            scheme = "https"
        } else if lower.hasPrefix("http://") {
            scheme = "http"
        } else {
            return nil
        }
        var rest = Substring(url.dropFirst(scheme.count + 3))
        guard !rest.contains("?"), !rest.contains("#"), !rest.contains("@") else { return nil }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        while path.hasSuffix("/") { path.removeLast() }
        var host = String(rest)
        var port: Int?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("]") {
            guard let p = Int(rest[rest.index(after: colon)...]), (1...65535).contains(p) else { return nil }
            port = p
            host = String(rest[..<colon])
        }
        guard !host.isEmpty, !host.contains(" ") else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        basePath = path
    }

    /// `host[:port]` as the Host header carries it: the port only when it is not the scheme's default.
    public var authority: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    /// `scheme://authority`.
    public var origin: String { "\(scheme)://\(authority)" }

    /// The endpoint as given (normalised): origin plus base path. Contains no secret.
    public var description: String { origin + basePath }
}
