public import R2SCore

/// The environment an external plugin starts with.
///
/// - the r2s process environment, then the active profile's settings on top (the profile is
///   what r2s itself uses, e.g. after `--profile prod` or `profile use`);
/// - for an untrusted plugin, every secret is withheld: names `Profile.isSecret` calls secret
///   (from the profile and from the inherited environment alike) are removed, and the password
///   of any `scheme://user:password@host` value is cut out (`DATABASE_URL` keeps host and user);
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

    /// Builds the child's environment (see the type's documentation).
    public static func build(
        base: [String: String], profile: Profile, format: OutputFormat, quiet: Bool, trusted: Bool,
        executablePath: String?
    ) -> [String: String] {
        var env: [String: String] = [:]
        for (key, value) in base { put(key, value, into: &env, trusted: trusted) }
        for (key, value) in profile.values {
            if !trusted && Profile.isSecret(key) {
                env[key] = nil  // the profile's secret also hides an inherited one of that name
            } else {
                put(key, value, into: &env, trusted: trusted)
            }
        }
        env["R2S_OUTPUT"] = format.rawValue
        env["R2S_PROFILE"] = profile.name
        env["R2S_QUIET"] = quiet ? "1" : nil
        env["R2S_PLUGIN_TRUSTED"] = trusted ? "1" : "0"
        env["R2S_EXECUTABLE"] = executablePath
        return env
    }

    private static func put(_ key: String, _ value: String, into env: inout [String: String], trusted: Bool) {
        if trusted {
            env[key] = value
        } else if !Profile.isSecret(key) {
            env[key] = withoutURLPassword(value)
        }
    }

    /// `postgres://user:pw@host/db` → `postgres://user@host/db`; anything else unchanged.
    public static func withoutURLPassword(_ value: String) -> String {
        guard let scheme = value.firstRange(of: "://") else { return value }
        let rest = value[scheme.upperBound...]
        // The authority ends at the first `/`, `?` or `#`; the password lies before its last `@`.
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return value
        }
        return String(value[..<colon]) + String(value[at...])
    }
}
