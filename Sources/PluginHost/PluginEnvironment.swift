public import R2SCore

/// The environment an external plugin starts with.
///
/// - the r2s process environment, then the active profile's settings on top (the profile is
///   what r2s itself uses, e.g. after `--profile prod` or `profile use`);
/// - for an untrusted plugin, every secret is withheld (`SecretRule`): variables with a secret
///   name (from the profile and from the inherited environment alike) are removed, the password
///   of any `scheme://user:password@host` value and any `password=` parameter are cut out
///   (`DATABASE_URL` keeps host and user), and a variable holding a secret value of the session
///   under another name (`set R2S_NOTE $DB_PASS`) is removed;
/// - `R2S_OUTPUT` (`table|json|csv`), `R2S_PROFILE`, `R2S_QUIET=1` with `-q`, `R2S_EXECUTABLE`
///   (to call r2s back), `R2S_PLUGIN_TRUSTED` (`1`/`0`).
///
/// A plugin is trusted when its name (`report-html`, or `r2s-report-html`) is listed in
/// `R2S_TRUSTED_PLUGINS` (comma-separated) in the active profile or the environment.
public enum PluginEnvironment {
    /// The setting that lists trusted plugins.
    public static let trustSetting = "R2S_TRUSTED_PLUGINS"

    /// True when `name` is listed in `R2S_TRUSTED_PLUGINS` (profile or environment).
    public static func isTrusted(_ name: String, profile: Profile, environment: [String: String]) -> Bool {
        let lists = [profile.values[trustSetting], environment[trustSetting]].compactMap { $0 }
        for list in lists {
            for entry in list.split(separator: ",") {
                var word = String(entry).trimmingCharacters(in: " \t")
                if word.hasPrefix("r2s-") { word = String(word.dropFirst(4)) }
                if word == name { return true }
            }
        }
        return false
    }

    /// Builds the child's environment (see the type's documentation). `secrets` are the
    /// session's secret values: an untrusted plugin gets no variable that holds one.
    public static func build(
        base: [String: String], profile: Profile, format: OutputFormat, quiet: Bool, trusted: Bool,
        executablePath: String?, secrets: Set<String> = []
    ) -> [String: String] {
        var env: [String: String] = [:]
        var known = secrets
        if !trusted {
            // The rule's own view of these settings, whatever the session recorded.
            for (key, value) in base { known.formUnion(SecretRule.secretValues(name: key, value: value)) }
            for (key, value) in profile.values { known.formUnion(SecretRule.secretValues(name: key, value: value)) }
        }
        for (key, value) in base { put(key, value, into: &env, trusted: trusted, known: known) }
        for (key, value) in profile.values {
            if !trusted && SecretRule.isSecretName(key) {
                env[key] = nil  // the profile's secret also hides an inherited one of that name
            } else {
                put(key, value, into: &env, trusted: trusted, known: known)
            }
        }
        env["R2S_OUTPUT"] = format.rawValue
        env["R2S_PROFILE"] = profile.name
        env["R2S_QUIET"] = quiet ? "1" : nil
        env["R2S_PLUGIN_TRUSTED"] = trusted ? "1" : "0"
        env["R2S_EXECUTABLE"] = executablePath
        return env
    }

    private static func put(_ key: String, _ value: String, into env: inout [String: String], trusted: Bool, known: Set<String>) {
        if trusted {
            env[key] = value
        } else if let kept = SecretRule.withoutSecrets(name: key, value: value), !SecretRule.contains(kept, anyOf: known) {
            env[key] = kept
        } else {
            env[key] = nil
        }
    }

    /// `postgres://user:pw@host/db?password=x` → `postgres://user@host/db`; anything else unchanged.
    public static func withoutURLPassword(_ value: String) -> String {
        SecretRule.withoutSecrets(name: "", value: value) ?? value
    }
}
