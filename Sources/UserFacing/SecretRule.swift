/// The one rule that decides what is secret in r2s — for history, for plugin environments,
/// for masking (`profile show`, `set`) and for scrubbing errors, logs, reports and `--json`.
/// Documented in docs/configuration.md ("Secrets").
///
/// - A **name** is secret when it is one of `knownNames` (the Supabase keys, the R2/AWS
///   secret keys, `PGPASSWORD`) or, upper-cased, contains `PASS`, `PWD`, `TOKEN`, `SECRET`,
///   `APIKEY`, `API_KEY`, `PRIVATE_KEY` or `CREDENTIAL`, or ends in `PW`, `_PAT` or `_KEY`.
///   `PWD`/`OLDPWD` (the shell's working directory) are not secrets.
/// - A **value** is secret when it was set under a secret name; the password part of any URL
///   (`scheme://user:PASSWORD@host`) and a `password=` parameter (`?password=…`, or a libpq
///   `key=value` string) are secrets whatever the name.
/// - Values shorter than `minimumLength` characters are too short to be recognised inside other
///   text: their names still hide them, but matching (history, scrubbing) ignores them; so do
///   the switch words `true`, `false`, `yes`, `no`, `none`, `null` (`USE_TOKEN=true` is no
///   secret, and masking every `true` would garble messages).
public enum SecretRule {
    /// Names that are secrets whatever the patterns say.
    public static let knownNames: Set<String> = [
        "R2_SECRET_ACCESS_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_KEY", "SUPABASE_ANON_KEY",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "PGPASSWORD",
        // The Queues token `watch` pulls and acks with (named here so no pattern change can unmask it).
        "CLOUDFLARE_API_TOKEN",
    ]
    /// Upper-cased name fragments that make a name secret.
    public static let fragments = ["PASS", "PWD", "TOKEN", "SECRET", "APIKEY", "API_KEY", "PRIVATE_KEY", "CREDENTIAL"]
    /// Upper-cased name endings that make a name secret.
    public static let suffixes = ["PW", "_PAT", "_KEY"]
    /// Names the patterns would catch that hold no secret (the shell's directories).
    static let exceptions: Set<String> = ["PWD", "OLDPWD"]
    /// The shortest value matched inside other text.
    public static let minimumLength = 4
    /// What a hidden secret is shown as.
    public static let mask = "****"

    /// True when a value set under `name` is a secret.
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        if exceptions.contains(upper) { return false }
        if knownNames.contains(upper) { return true }
        return fragments.contains { upper.contains($0) } || suffixes.contains { upper.hasSuffix($0) }
    }

    /// The secret values a setting holds: all of it under a secret name, else the password
    /// parts of a URL or conninfo (each as written and percent-decoded).
    public static func secretValues(name: String, value: String) -> [String] {
        guard !value.isEmpty else { return [] }
        if isSecretName(name) { return [value] }
        var out: [String] = []
        for raw in passwordParts(in: value) {
            out.append(raw)
            if let decoded = PercentDecoding.decode(raw), decoded != raw { out.append(decoded) }
        }
        return out
    }

    /// The value for display: a secret name's value becomes `****` (plus its last 4 characters
    /// when long enough that they say nothing), a URL's password and `password=` become `****`.
    public static func masked(name: String, value: String) -> String {
        if isSecretName(name) { return value.count > 12 ? mask + value.suffix(4) : mask }
        return replacingPasswords(in: value, with: { _ in mask })
    }

    /// The value as an untrusted plugin may see it: `nil` for a secret name; a URL keeps user
    /// and host but loses its password and `password=` parameter.
    public static func withoutSecrets(name: String, value: String) -> String? {
        if isSecretName(name) { return nil }
        return replacingPasswords(in: value, with: { _ in nil })
    }

    /// `text` with every URL password, `password=` value and known secret value replaced by
    /// `****`, and with the user part of non-postgres URLs hidden too: for any text that reaches
    /// the user, a log, a report or `--json`.
    public static func scrub(_ text: String, known: some Sequence<String>) -> String {
        var out = replacingPasswords(in: text, with: { _ in mask }, hideUser: true)
        // Longest first, so a value containing another is replaced whole.
        for value in known.filter(isMatchable).sorted(by: { $0.count > $1.count })
        where out.contains(value) {
            out = out.replacing(value, with: mask)
        }
        return out
    }

    /// Values matched inside other text: long enough, and not a switch word.
    public static func isMatchable(_ value: String) -> Bool {
        value.count >= minimumLength && !switchWords.contains(value.lowercased())
    }

    static let switchWords: Set<String> = ["true", "false", "yes", "no", "none", "null"]

    /// True when `text` contains one of `known` (long enough to be recognised).
    public static func contains(_ text: String, anyOf known: some Sequence<String>) -> Bool {
        known.contains { isMatchable($0) && text.contains($0) }
    }
}
