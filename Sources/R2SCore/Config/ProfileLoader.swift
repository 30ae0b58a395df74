/// Resolves the active profile from the environment, a `.env` in the working directory and the
/// config file's named profiles.
///
/// PLACEHOLDER: environment only. The full loader (`.env`, XDG config file, permission warning,
/// `profile use`) replaces this.
public enum ProfileLoader {
    /// Loads profile `name` (or the default: `R2S_PROFILE`, then the config's current profile,
    /// then the environment/`.env`, then the embedded `local`).
    public static func load(
        name: String?, environment: [String: String], workingDirectory: String, paths: Paths
    ) throws -> Profile {
        let keys = environment.keys.filter { $0.hasPrefix("R2_") || $0.hasPrefix("SUPABASE_") || $0.hasPrefix("R2S_") || $0 == "DATABASE_URL" }
        var values: [String: String] = [:]
        for k in keys { values[k] = environment[k] }
        let configured = values["R2_BUCKET"] != nil || values["DATABASE_URL"] != nil || values["SUPABASE_URL"] != nil
        return Profile(name: name ?? (configured ? "env" : Profile.localName), values: values,
                       origins: Dictionary(uniqueKeysWithValues: keys.map { ($0, "env") }))
    }
}
