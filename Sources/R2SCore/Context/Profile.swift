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
    public static var secretKeys: Set<String> { SecretRule.knownNames }

    /// True when the named setting holds a secret (`SecretRule.isSecretName`).
    public static func isSecret(_ key: String) -> Bool { SecretRule.isSecretName(key) }

    /// The value for display: secrets become `****` (+ last 4 chars), URL passwords are masked.
    public func maskedValue(_ key: String) -> String? {
        guard let v = self[key] else { return nil }
        return Self.mask(key: key, value: v)
    }

    /// Masks one value for display (`SecretRule.masked`).
    public static func mask(key: String, value v: String) -> String { SecretRule.masked(name: key, value: v) }

    /// `postgres://user:secret@host/db?password=x` → `postgres://user:****@host/db?password=****`.
    public static func maskURLPassword(_ url: String) -> String { SecretRule.masked(name: "", value: url) }
}
