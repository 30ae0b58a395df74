/// The r2s config file, `$XDG_CONFIG_HOME/r2s/config` (docs/configuration.md):
///
/// ```
/// # r2s profiles. Keep this file private: chmod 600.
/// current = staging
///
/// [profile staging]
/// R2_ACCOUNT_ID = 0123456789abcdef0123456789abcdef
/// R2_BUCKET = media-staging
/// R2_SECRET_ACCESS_KEY = "…"
///
/// [profile prod]
/// …
/// ```
///
/// Lines starting with `#` or `;` are comments (there are no trailing comments: a value may
/// contain `#`). Values may be wrapped in single or double quotes, which are removed. Before the
/// first section only `current = NAME` is allowed.
public struct ConfigFile: Sendable, Equatable {
    /// One `[profile NAME]` section.
    public struct Section: Sendable, Equatable {
        public var name: String
        /// Settings in file order (a repeated key: the last one wins).
        public var values: [String: String]
        /// The line of the `[profile NAME]` header.
        public var line: Int
    }

    /// The `current = NAME` profile, if set.
    public var current: String?
    /// Sections in file order.
    public var sections: [Section]
    /// Non-fatal remarks (unknown keys), as `line: text`.
    public var warnings: [LocalizedText]

    /// The section named `name`.
    public func section(_ name: String) -> Section? { sections.first { $0.name == name } }

    /// Parses the file's text; `path` is used in error messages.
    public static func parse(_ text: String, path: String) throws -> ConfigFile {
        var file = ConfigFile(current: nil, sections: [], warnings: [])
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let number = offset + 1
            let line = String(rawLine).trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                file.sections.append(Section(name: try sectionName(line, path: path, line: number), values: [:], line: number))
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw syntax(path, number, LocalizedText(en: "expected KEY = VALUE", ptBR: "esperado CHAVE = VALOR"))
            }
            let key = String(line[..<eq]).trimmingCharacters(in: " \t")
            let value = unquote(String(line[line.index(after: eq)...]).trimmingCharacters(in: " \t"))
            guard DotEnv.isValidKey(key) else {
                throw syntax(path, number, LocalizedText(en: "invalid setting name '\(key)'", ptBR: "nome de configuração inválido '\(key)'"))
            }
            guard !file.sections.isEmpty else {
                guard key == "current" else {
                    throw syntax(path, number, LocalizedText(
                        en: "only `current = NAME` may come before the first [profile NAME]",
                        ptBR: "só `current = NOME` pode vir antes do primeiro [profile NOME]"))
                }
                file.current = value.isEmpty ? nil : value
                continue
            }
            if SettingName.canonical(key) == nil {
                let near = SettingName.all.filter { CommandRegistry.editDistance($0, key) <= 2 }
                let suggestion = near.first.map { " (did you mean \($0)?)" } ?? ""
                let sugestao = near.first.map { " (você quis dizer \($0)?)" } ?? ""
                file.warnings.append(LocalizedText(
                    en: "\(path):\(number): unknown setting \(key)\(suggestion)",
                    ptBR: "\(path):\(number): configuração desconhecida \(key)\(sugestao)"))
            }
            file.sections[file.sections.count - 1].values[key] = value
        }
        return file
    }

    private static func sectionName(_ line: String, path: String, line number: Int) throws -> String {
        guard line.hasSuffix("]") else {
            throw syntax(path, number, LocalizedText(en: "unclosed section header", ptBR: "cabeçalho de seção sem ]"))
        }
        let inner = String(line.dropFirst().dropLast()).trimmingCharacters(in: " \t")
        let parts = inner.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0] == "profile" else {
            throw syntax(path, number, LocalizedText(
                en: "expected [profile NAME], found [\(inner)]", ptBR: "esperado [profile NOME], encontrado [\(inner)]"))
        }
        let name = String(parts[1])
        guard Profile.isValidName(name) else {
            throw syntax(path, number, LocalizedText(
                en: "invalid profile name '\(name)' (letters, digits, '.', '_' and '-')",
                ptBR: "nome de perfil inválido '\(name)' (letras, dígitos, '.', '_' e '-')"))
        }
        return name
    }

    private static func unquote(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else {
            return value
        }
        let inner = value.dropFirst().dropLast()
        guard first == "\"" else { return String(inner) }
        return String(inner).replacing("\\\"", with: "\"").replacing("\\\\", with: "\\")
    }

    private static func syntax(_ path: String, _ line: Int, _ what: LocalizedText) -> ConfigError {
        ConfigError(
            .syntax,
            LocalizedText(en: "\(path):\(line): \(what.en)", ptBR: "\(path):\(line): \(what.ptBR)"),
            hint: LocalizedText(
                en: "fix the line; the format is described in docs/configuration.md",
                ptBR: "corrija a linha; o formato está em docs/configuration.md"))
    }
}

extension Profile {
    /// Profile names: ASCII letters, digits, `.`, `_`, `-` (they appear in the prompt and on the
    /// command line).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-")
            }
    }
}
