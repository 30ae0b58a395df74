/// The settings r2s reads: the same names a web app's `.env` uses, plus r2s's own `R2S_*`.
///
/// In the leaf target because both sides read them: the shell's profile loader (which names it
/// keeps, their aliases, which ones select the `env` profile) and the stores' settings parsers
/// (`S3Configuration(settings:)` resolves the same aliases).
public enum SettingName {
    /// Every canonical name, in the order `profile show` lists them.
    public static let all: [String] = [
        "R2_ACCOUNT_ID", "R2_JURISDICTION", "R2_ENDPOINT", "R2_ACCESS_KEY_ID", "R2_SECRET_ACCESS_KEY",
        "R2_BUCKET", "R2_PUBLIC_URL", "R2_REGION",
        "SUPABASE_URL", "SUPABASE_SERVICE_ROLE_KEY", "DATABASE_URL",
        "R2S_CATALOG", "R2S_TABLE", "R2S_ACTOR", "R2S_URL_STYLE",
        // `watch` (docs/watch.md): the Cloudflare Queue its R2 event notifications go to.
        "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_BASE", "R2S_QUEUE_ID",
        // The trash (docs/trash.md).
        "R2S_TRASH", "R2S_TRASH_IN_BUCKET",
    ]

    /// Alternative spellings web apps use, mapped to the canonical name. Within one source the
    /// canonical name wins over its alias.
    public static let aliases: [String: String] = [
        "R2_BUCKET_NAME": "R2_BUCKET",
        "SUPABASE_KEY": "SUPABASE_SERVICE_ROLE_KEY",
    ]

    /// Settings that make a source "configured" (select the `env` profile instead of `local`).
    public static let connectionNames: Set<String> = ["R2_ACCOUNT_ID", "R2_ENDPOINT", "R2_BUCKET", "DATABASE_URL", "SUPABASE_URL"]

    /// Selects a named profile from the environment (below `--profile`, above `current =`).
    public static let profileVariable = "R2S_PROFILE"

    /// The canonical name for `name` (itself, its alias target, or `nil` when r2s does not know it).
    public static func canonical(_ name: String) -> String? {
        if all.contains(name) { return name }
        return aliases[name]
    }

    /// Keeps only the settings r2s knows from `source`, under their canonical names; empty values
    /// are dropped (an empty variable does not override a lower source). Returns each kept
    /// value with the name it was spelled as.
    public static func normalize(_ source: [String: String]) -> [String: (value: String, spelledAs: String)] {
        var out: [String: (value: String, spelledAs: String)] = [:]
        for (name, value) in source where !value.isEmpty {
            guard let canonical = canonical(name) else { continue }
            // The canonical spelling wins over an alias in the same source.
            if let existing = out[canonical], existing.spelledAs == canonical { continue }
            out[canonical] = (value, name)
        }
        return out
    }
}
