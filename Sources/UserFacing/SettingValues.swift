/// A profile's values as a store's settings parser reads them: the name, the values (canonical
/// setting names) and where each came from. The shell's `Profile` lives in the shell core, which
/// the stores never import; this is the part of it their parsers need.
///
/// The helpers give every parser the same texts: an invalid value names the variable and its
/// origin and says what to set, never quoting the value; a missing one names the profile.
public struct SettingValues: Sendable {
    /// The profile's name (quoted by `missing`).
    public let profileName: String
    /// Canonical setting name → value, as loaded (untrimmed).
    public let values: [String: String]
    /// Canonical setting name → where it came from (`env`, `.env`, `config`).
    public let origins: [String: String]

    public init(profileName: String, values: [String: String], origins: [String: String] = [:]) {
        self.profileName = profileName
        self.values = values
        self.origins = origins
    }

    /// The value with spaces, tabs and line ends trimmed (settings files often carry stray CRs).
    public func trimmed(_ key: String) -> String? {
        guard let raw = values[key] else { return nil }
        var s = Substring(raw)
        while let first = s.first, " \t\r\n".contains(first) { s.removeFirst() }
        while let last = s.last, " \t\r\n".contains(last) { s.removeLast() }
        return String(s)
    }

    /// The value as loaded (a secret is used byte for byte).
    public subscript(key: String) -> String? { values[key] }

    /// `KEY (origin) <en>` with a hint saying what to set it to; the value itself is never quoted.
    public func invalid(_ key: String, _ en: String, _ pt: String, example: String) -> ConfigError {
        let origin = origins[key].map { " (\($0))" } ?? ""
        return ConfigError(
            .invalidValue,
            LocalizedText(en: "\(key)\(origin) \(en)", ptBR: "\(key)\(origin) \(pt)"),
            hint: LocalizedText(en: "set \(key) to \(example), then run `profile show`",
                                ptBR: "defina \(key) como \(example) e rode `profile show`"))
    }

    /// `KEY (or OTHER) is not set in profile 'NAME'`, with where settings can be set.
    public func missing(_ key: String, or other: String? = nil) -> ConfigError {
        let alternative = other.map { " (or \($0))" } ?? ""
        let alternativa = other.map { " (ou \($0))" } ?? ""
        return ConfigError(
            .missingValue,
            LocalizedText(en: "\(key)\(alternative) is not set in profile '\(profileName)'",
                          ptBR: "\(key)\(alternativa) não está definido no perfil '\(profileName)'"),
            hint: LocalizedText(
                en: "set it in the environment, a .env file or the config file (docs/configuration.md)",
                ptBR: "defina no ambiente, num arquivo .env ou no arquivo de configuração (docs/configuration.md)"))
    }

    /// `http://` or `https://` followed by something.
    public static func isHTTPURL(_ s: String) -> Bool {
        (s.hasPrefix("https://") && s.count > 8) || (s.hasPrefix("http://") && s.count > 7)
    }
}
