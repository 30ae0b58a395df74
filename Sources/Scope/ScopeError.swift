public import UserFacing

/// Why a filter or scope could not be built, loaded or saved. Shown to the operator as-is.
public struct ScopeError: UserFacingError, Sendable, Hashable {
    public enum Code: Sendable, Hashable {
        /// A size that does not parse (`--min-size 10q`).
        case invalidSize(String)
        /// An age or date that does not parse (`--newer-than 7x`).
        case invalidAge(String)
        /// A type that is neither `type/subtype`, `type/*` nor a known extension.
        case invalidType(String)
        /// A glob that does not parse (unclosed `[` or `{`).
        case invalidGlob(String, reason: String)
        /// A filter name outside `[A-Za-z0-9._-]`, not starting with a letter or digit, or too long.
        case invalidName(String)
        /// No filter with this name in the active profile.
        case notFound(name: String, profile: String)
        /// `--filter NAME` names no filter: a bad argument of the command line (status 2).
        case unknownFilter(name: String, profile: String)
        /// `filter add` of a name that exists.
        case exists(name: String)
        /// The filters file exists but is not valid.
        case unreadable(path: String, detail: String)
        /// The filters file could not be written.
        case unwritable(path: String, detail: String)
    }

    public var code: Code

    public init(_ code: Code) { self.code = code }

    public var exitStatus: ExitStatus {
        switch code {
        case .invalidSize, .invalidAge, .invalidType, .invalidGlob, .invalidName, .unknownFilter: .usage
        case .notFound, .exists, .unreadable, .unwritable: .failure
        }
    }

    public var userMessage: String { localizedMessage(.en) }
    public var hint: String? { localizedHint(.en) }

    public func localizedMessage(_ language: Language) -> String {
        text(language == .ptBR).0
    }

    public func localizedHint(_ language: Language) -> String? {
        text(language == .ptBR).1
    }

    private func text(_ pt: Bool) -> (String, String?) {
        switch code {
        case .invalidSize(let s):
            return (
                pt ? "tamanho inválido '\(s)'" : "invalid size '\(s)'",
                pt ? "exemplos: 500, 10k, 5MiB, 1.5GB, 1G" : "examples: 500, 10k, 5MiB, 1.5GB, 1G"
            )
        case .invalidAge(let s):
            return (
                pt ? "idade ou data inválida '\(s)'" : "invalid age or date '\(s)'",
                pt
                    ? "exemplos: 30m, 12h, 7d, 2w, 2026-01-31, 2026-01-31T10:00:00Z"
                    : "examples: 30m, 12h, 7d, 2w, 2026-01-31, 2026-01-31T10:00:00Z"
            )
        case .invalidType(let s):
            return (
                pt ? "tipo inválido '\(s)'" : "invalid type '\(s)'",
                pt
                    ? "use um tipo (application/pdf), uma família (image/*) ou uma extensão conhecida (pdf)"
                    : "use a type (application/pdf), a family (image/*) or a known extension (pdf)"
            )
        case .invalidGlob(let g, let reason):
            return (
                pt ? "padrão inválido '\(g)': \(reason)" : "invalid pattern '\(g)': \(reason)",
                pt ? "veja `help filter` para a sintaxe dos padrões" : "see `help filter` for the pattern syntax"
            )
        case .invalidName(let n):
            return (
                pt ? "nome de filtro inválido '\(n)'" : "invalid filter name '\(n)'",
                pt
                    ? "use até 64 letras, dígitos, '.', '_' ou '-', começando por letra ou dígito"
                    : "use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
            )
        case .notFound(let name, let profile), .unknownFilter(let name, let profile):
            return (
                pt ? "filtro '\(name)' não existe no perfil '\(profile)'" : "no filter '\(name)' in profile '\(profile)'",
                pt ? "veja os filtros com `filter ls`" : "list the filters with `filter ls`"
            )
        case .exists(let name):
            return (
                pt ? "o filtro '\(name)' já existe" : "filter '\(name)' already exists",
                pt ? "use `filter edit \(name) …` ou `filter rm \(name)`" : "use `filter edit \(name) …` or `filter rm \(name)`"
            )
        case .unreadable(let path, let detail):
            return (
                pt ? "não foi possível ler os filtros em \(path): \(detail)" : "cannot read the filters in \(path): \(detail)",
                pt ? "corrija ou remova o arquivo" : "fix or remove the file"
            )
        case .unwritable(let path, let detail):
            return (
                pt ? "não foi possível gravar os filtros em \(path): \(detail)" : "cannot write the filters to \(path): \(detail)",
                pt ? "confira as permissões da pasta de configuração" : "check the config folder's permissions"
            )
        }
    }
}
