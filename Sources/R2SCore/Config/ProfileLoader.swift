#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves the active profile.
///
/// A **named profile** — `--profile NAME`, else `R2S_PROFILE` (process environment only), else the
/// config file's `current = NAME` — is the config file's section with the process environment
/// over it (each variable that changes it is warned about); a `.env` in the working directory is
/// **not** mixed in (a warning says it was ignored).
/// Without one, the environment over a `.env` forms the profile `env` when they configure a connection
/// (R2_BUCKET, R2_ENDPOINT, R2_ACCOUNT_ID, DATABASE_URL or SUPABASE_URL); otherwise r2s runs on
/// the embedded default `local`. `local` takes nothing from the environment but `R2S_ACTOR`, so
/// selecting it always means the local sandbox.
public enum ProfileLoader {
    /// The profile name for settings that come only from the environment and `.env`.
    public static let environmentName = "env"

    /// A resolved profile plus what the operator should be told about it.
    public struct Resolution: Sendable {
        public var profile: Profile
        /// Warnings for stderr (config readable by others, overridden settings, odd lines).
        public var warnings: [LocalizedText]
    }

    /// Where one profile comes from, for `profile ls`.
    public struct Available: Sendable, Equatable {
        public var name: String
        /// "config", "environment" or "embedded".
        public var source: String
    }

    /// Loads profile `name` (or the default) and prints warnings to stderr.
    ///
    /// - Throws: `ConfigError` (exit status 3) for an unknown profile or a malformed config file.
    public static func load(
        name: String?, environment: [String: String], workingDirectory: String, paths: Paths
    ) throws -> Profile {
        let resolution = try resolve(name: name, environment: environment, workingDirectory: workingDirectory, paths: paths)
        let language = Language.from(environment: environment)
        let prefix = LocalizedText.warningPrefix.resolve(language) + " "
        for warning in resolution.warnings {
            let bytes = Array((prefix + warning.resolve(language) + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        }
        return resolution.profile
    }

    /// The config file's path.
    public static func configPath(_ paths: Paths) -> String { paths.config + "/config" }

    /// Resolves without printing: the profile and the warnings.
    ///
    /// - Parameter nameSource: how `name` was given, for messages (`--profile`, `profile use`).
    public static func resolve(
        name: String?, environment: [String: String], workingDirectory: String, paths: Paths,
        nameSource: String = "--profile"
    ) throws -> Resolution {
        var warnings: [LocalizedText] = []
        let config = try readConfig(paths, warnings: &warnings)
        let dotEnv = readDotEnv(workingDirectory, warnings: &warnings)
        let env = SettingName.normalize(environment)
        let envConfigured = !SettingName.connectionNames.isDisjoint(with: Set(env.keys).union(dotEnv.keys))

        // R2S_PROFILE comes from the process environment only: a `.env` cannot pick a profile.
        let chosen: (name: String, by: String)? =
            name.map { ($0, nameSource) }
            ?? environment[SettingName.profileVariable].flatMap { $0.isEmpty ? nil : ($0, SettingName.profileVariable) }
            ?? config?.current.map { ($0, "current = \($0) in \(configPath(paths))") }
        guard let chosen else {
            let profile = envConfigured
                ? overlay(Profile(name: environmentName), dotEnv: dotEnv, env: env, warnings: &warnings) : local(env: env)
            return Resolution(profile: profile, warnings: warnings)
        }
        let (requested, chosenBy) = chosen
        if let section = config?.section(requested) {
            var base = Profile(name: requested, chosenBy: chosenBy)
            for (key, value) in section.values where !value.isEmpty {
                let canonical = SettingName.canonical(key) ?? key
                if canonical != key, section.values[canonical] != nil { continue }
                base.values[canonical] = value
                base.origins[canonical] = canonical == key ? "config" : "config (\(key))"
            }
            // A named profile is complete on its own: a `.env` in the current folder (often a web
            // app's, pointing elsewhere) is not mixed in. Only the process environment overrides.
            if !dotEnv.isEmpty {
                let path = workingDirectory + "/.env"
                warnings.append(LocalizedText(
                    en: "\(path) ignored: profile '\(requested)' was chosen by \(chosenBy) (a named profile never takes values from a .env)",
                    ptBR: "\(path) ignorado: o perfil '\(requested)' foi escolhido por \(chosenBy) (um perfil nomeado nunca usa valores de um .env)"))
            }
            return Resolution(profile: overlay(base, dotEnv: [:], env: env, warnings: &warnings), warnings: warnings)
        }
        if requested == Profile.localName {
            var profile = local(env: env)
            profile.chosenBy = chosenBy
            return Resolution(profile: profile, warnings: warnings)
        }
        if requested == environmentName, envConfigured {
            var profile = overlay(Profile(name: environmentName), dotEnv: dotEnv, env: env, warnings: &warnings)
            profile.chosenBy = chosenBy
            return Resolution(profile: profile, warnings: warnings)
        }
        let available = availableNames(config: config, envConfigured: envConfigured)
        throw ConfigError(
            .unknownProfile,
            LocalizedText(en: "unknown profile '\(requested)'", ptBR: "perfil desconhecido '\(requested)'"),
            hint: LocalizedText(
                en: "available profiles: \(available.joined(separator: ", ")) (defined in \(configPath(paths)))",
                ptBR: "perfis disponíveis: \(available.joined(separator: ", ")) (definidos em \(configPath(paths)))"))
    }

    /// Every profile that can be selected: the config file's, `env` when the environment/`.env`
    /// configure a connection, and the embedded `local`.
    public static func available(environment: [String: String], workingDirectory: String, paths: Paths) throws -> [Available] {
        var ignored: [LocalizedText] = []
        let config = try readConfig(paths, warnings: &ignored)
        let dotEnv = readDotEnv(workingDirectory, warnings: &ignored)
        let env = SettingName.normalize(environment)
        let envConfigured = !SettingName.connectionNames.isDisjoint(with: Set(env.keys).union(dotEnv.keys))
        var out = (config?.sections ?? []).map { Available(name: $0.name, source: "config") }
        if envConfigured, !out.contains(where: { $0.name == environmentName }) {
            out.append(Available(name: environmentName, source: "environment"))
        }
        if !out.contains(where: { $0.name == Profile.localName }) {
            out.append(Available(name: Profile.localName, source: "embedded"))
        }
        return out
    }

    // MARK: - Sources

    private static func availableNames(config: ConfigFile?, envConfigured: Bool) -> [String] {
        var names = (config?.sections ?? []).map(\.name)
        if envConfigured { names.append(environmentName) }
        if !names.contains(Profile.localName) { names.append(Profile.localName) }
        return names
    }

    private static func local(env: [String: (value: String, spelledAs: String)]) -> Profile {
        var profile = Profile(name: Profile.localName)
        if let actor = env["R2S_ACTOR"] {
            profile.values["R2S_ACTOR"] = actor.value
            profile.origins["R2S_ACTOR"] = "env"
        }
        return profile
    }

    /// Lays `.env` and then the environment over `base`. For a named profile (`base` from the
    /// config file, `dotEnv` empty) every environment variable that changes or adds a setting is
    /// reported: it is easy to think you are on `prod` while the shell exports something else.
    private static func overlay(
        _ base: Profile, dotEnv: [String: (value: String, spelledAs: String)],
        env: [String: (value: String, spelledAs: String)], warnings: inout [LocalizedText]
    ) -> Profile {
        var profile = base
        for (source, values) in [(".env", dotEnv), ("env", env)] {
            for (key, entry) in values {
                profile.values[key] = entry.value
                profile.origins[key] = entry.spelledAs == key ? source : "\(source) (\(entry.spelledAs))"
            }
        }
        let named = base.name != environmentName
        for key in profile.values.keys.sorted() where profile.values[key] != base.values[key] {
            let fromEnv = profile.origins[key]?.hasPrefix("env") == true
            if base.values[key] == nil {
                guard named, fromEnv else { continue }
                warnings.append(LocalizedText(
                    en: "\(key) from the environment is added to profile '\(base.name)'",
                    ptBR: "\(key) do ambiente é acrescentado ao perfil '\(base.name)'"))
                continue
            }
            warnings.append(LocalizedText(
                en: "\(key) from \(fromEnv ? "the environment" : ".env") overrides profile '\(base.name)'",
                ptBR: "\(key) de \(fromEnv ? "o ambiente" : ".env") substitui o perfil '\(base.name)'"))
        }
        return profile
    }

    static func readConfig(_ paths: Paths, warnings: inout [LocalizedText]) throws -> ConfigFile? {
        let path = configPath(paths)
        switch ConfigFiles.read(path) {
        case .missing:
            return nil
        case .unreadable(let code):
            throw ConfigError(
                .unreadable,
                LocalizedText(en: "cannot read \(path): \(ConfigFiles.describe(errno: code))",
                              ptBR: "não foi possível ler \(path): \(ConfigFiles.describe(errno: code))"),
                hint: LocalizedText(en: "check the file's owner and permissions (chmod 600)",
                                    ptBR: "verifique o dono e as permissões do arquivo (chmod 600)"))
        case .text(let text, let mode):
            if mode & 0o077 != 0 {
                let octal = String(mode & 0o777, radix: 8)
                warnings.append(LocalizedText(
                    en: "\(path) is readable by other users (mode \(octal)); it may hold secrets: chmod 600 \(path)",
                    ptBR: "\(path) pode ser lido por outros usuários (modo \(octal)); pode conter segredos: chmod 600 \(path)"))
            }
            let file = try ConfigFile.parse(text, path: path)
            warnings += file.warnings
            return file
        }
    }

    static func readDotEnv(_ directory: String, warnings: inout [LocalizedText]) -> [String: (value: String, spelledAs: String)] {
        let path = directory + "/.env"
        guard case .text(let text, _) = ConfigFiles.read(path) else { return [:] }
        let parsed = DotEnv.parse(text)
        for problem in parsed.problems {
            warnings.append(LocalizedText(
                en: "\(path):\(problem.line): \(problem.message); line ignored",
                ptBR: "\(path):\(problem.line): \(problem.message); linha ignorada"))
        }
        return SettingName.normalize(parsed.values)
    }
}
