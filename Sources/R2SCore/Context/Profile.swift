/// The settings of one profile: the same names a web app's `.env` uses (`R2_BUCKET`,
/// `SUPABASE_URL`, `DATABASE_URL`, …), resolved from the environment, a `.env` file and the
/// config file. Never print `values` directly: use `maskedValue(_:)`.
public struct Profile: Sendable, Hashable {
    /// The embedded default profile's name.
    public static let localName = "local"

    /// The profile's name (`local` for the embedded default).
    public var name: String
    /// Raw setting values by name.
    public var values: [String: String]
    /// Where each value came from ("env", ".env", "config"), for `profile show`.
    public var origins: [String: String]
    /// What selected this profile (`--profile`, `R2S_PROFILE`, `current = … in FILE`), or `nil`
    /// when nothing did: the environment's `env` profile, or the embedded `local` as a fallback.
    public var chosenBy: String?

    public init(name: String, values: [String: String] = [:], origins: [String: String] = [:], chosenBy: String? = nil) {
        self.name = name
        self.values = values
        self.origins = origins
        self.chosenBy = chosenBy
    }

    /// True for the embedded `local` profile reached because nothing is configured (no profile
    /// named anywhere and no connection settings): scripts say so on their target line.
    public var isFallback: Bool { name == Self.localName && chosenBy == nil }

    /// The value of a setting, `nil` when unset or empty.
    public subscript(_ key: String) -> String? {
        guard let v = values[key], !v.isEmpty else { return nil }
        return v
    }

    /// True for production-looking profiles (`prod`, `production`, `prod-eu`…): the prompt marks them.
    public var looksLikeProduction: Bool { name.lowercased().hasPrefix("prod") }

    /// Names whose values are secrets: never shown, logged or written to history.
    public static let secretKeys: Set<String> = [
        "R2_SECRET_ACCESS_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_KEY", "SUPABASE_ANON_KEY",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "PGPASSWORD",
    ]

    /// True when the named setting holds a secret (or a URL that may embed a password).
    public static func isSecret(_ key: String) -> Bool {
        secretKeys.contains(key) || key.hasSuffix("_SECRET") || key.hasSuffix("_PASSWORD") || key.hasSuffix("_TOKEN")
            || key.hasSuffix("_KEY") && key != "R2_ACCESS_KEY_ID"
    }

    /// The value for display: secrets become `****` (+ last 4 chars), URL passwords are masked.
    public func maskedValue(_ key: String) -> String? {
        guard let v = self[key] else { return nil }
        return Self.mask(key: key, value: v)
    }

    /// Masks one value for display.
    public static func mask(key: String, value v: String) -> String {
        if key == "DATABASE_URL" || v.contains("://") { return maskURLPassword(v) }
        if isSecret(key) { return v.count > 12 ? "****" + v.suffix(4) : "****" }
        return v
    }

    /// `postgres://user:secret@host/db` → `postgres://user:****@host/db`.
    public static func maskURLPassword(_ url: String) -> String {
        guard let scheme = url.firstRange(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else {
            return url
        }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":****" + String(url[at...])
    }
}
