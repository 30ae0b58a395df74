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

    public var message: LocalizedText { texts.message }
    public var hintText: LocalizedText? { texts.hint }

    private var texts: (message: LocalizedText, hint: LocalizedText) {
        switch code {
        case .invalidSize(let s): (LocalizedText(en: "invalid size '\(s)'", ptBR: "tamanho inválido '\(s)'"), LocalizedText(en: "examples: 500, 10k, 5MiB, 1.5GB, 1G", ptBR: "exemplos: 500, 10k, 5MiB, 1.5GB, 1G"))
        case .invalidAge(let s): (LocalizedText(en: "invalid age or date '\(s)'", ptBR: "idade ou data inválida '\(s)'"), LocalizedText(en: "examples: 30m, 12h, 7d, 2w, 2026-01-31, 2026-01-31T10:00:00Z", ptBR: "exemplos: 30m, 12h, 7d, 2w, 2026-01-31, 2026-01-31T10:00:00Z"))
        case .invalidType(let s): (LocalizedText(en: "invalid type '\(s)'", ptBR: "tipo inválido '\(s)'"), LocalizedText(en: "use a type (application/pdf), a family (image/*) or a known extension (pdf)", ptBR: "use um tipo (application/pdf), uma família (image/*) ou uma extensão conhecida (pdf)"))
        case .invalidGlob(let g, let reason): (LocalizedText(en: "invalid pattern '\(g)': \(reason)", ptBR: "padrão inválido '\(g)': \(reason)"), LocalizedText(en: "see `help filter` for the pattern syntax", ptBR: "veja `help filter` para a sintaxe dos padrões"))
        case .invalidName(let n): (LocalizedText(en: "invalid filter name '\(n)'", ptBR: "nome de filtro inválido '\(n)'"), LocalizedText(en: "use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", ptBR: "use até 64 letras, dígitos, '.', '_' ou '-', começando por letra ou dígito"))
        case .notFound(let name, let profile), .unknownFilter(let name, let profile): (LocalizedText(en: "no filter '\(name)' in profile '\(profile)'", ptBR: "filtro '\(name)' não existe no perfil '\(profile)'"), LocalizedText(en: "list the filters with `filter ls`", ptBR: "veja os filtros com `filter ls`"))
        case .exists(let name): (LocalizedText(en: "filter '\(name)' already exists", ptBR: "o filtro '\(name)' já existe"), LocalizedText(en: "use `filter edit \(name) …` or `filter rm \(name)`", ptBR: "use `filter edit \(name) …` ou `filter rm \(name)`"))
        case .unreadable(let path, let detail): (LocalizedText(en: "cannot read the filters in \(path): \(detail)", ptBR: "não foi possível ler os filtros em \(path): \(detail)"), LocalizedText(en: "fix or remove the file", ptBR: "corrija ou remova o arquivo"))
        case .unwritable(let path, let detail): (LocalizedText(en: "cannot write the filters to \(path): \(detail)", ptBR: "não foi possível gravar os filtros em \(path): \(detail)"), LocalizedText(en: "check the config folder's permissions", ptBR: "confira as permissões da pasta de configuração"))
        }
    }
}
