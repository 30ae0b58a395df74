public import R2SCore

/// Why a plugin could not run. The operator sees the message and hint; none carries a
/// setting's value (so no secret can leak through an error).
public enum PluginError: UserFacingError, Sendable, Equatable {
    /// The plugin file is gone or unreadable (removed since discovery).
    case unreadable(name: String, path: String)
    /// `posix_spawn` failed (not executable, bad interpreter line, …); `reason` is `strerror`.
    case spawnFailed(name: String, path: String, reason: String)
    /// A script plugin called plugins this many levels deep (almost surely calling itself).
    case tooDeep(name: String, limit: Int)
    /// Script plugins need the interpreter, which the executable did not provide.
    case noInterpreter(name: String)
    /// `plugin show NAME` for a name that no plugin has.
    case notFound(name: String, suggestions: [String])

    public var exitStatus: ExitStatus {
        switch self {
        case .notFound: .usage
        default: .failure
        }
    }

    public var userMessage: String { localizedMessage(.en) }
    public var hint: String? { localizedHint(.en) }

    public func localizedMessage(_ language: Language) -> String {
        let text: LocalizedText
        switch self {
        case .unreadable(let name, let path):
            text = LocalizedText(
                en: "cannot read plugin '\(name)' at \(path)", ptBR: "não consigo ler o plugin '\(name)' em \(path)")
        case .spawnFailed(let name, let path, let reason):
            text = LocalizedText(
                en: "cannot run plugin '\(name)' (\(path)): \(reason)",
                ptBR: "não consigo executar o plugin '\(name)' (\(path)): \(reason)")
        case .tooDeep(let name, let limit):
            text = LocalizedText(
                en: "plugin '\(name)' nested more than \(limit) plugin calls deep",
                ptBR: "o plugin '\(name)' passou de \(limit) chamadas de plugin aninhadas")
        case .noInterpreter(let name):
            text = LocalizedText(
                en: "script plugin '\(name)' cannot run: no interpreter attached",
                ptBR: "o plugin de script '\(name)' não pode rodar: nenhum interpretador conectado")
        case .notFound(let name, _):
            text = LocalizedText(en: "no plugin named '\(name)'", ptBR: "nenhum plugin chamado '\(name)'")
        }
        return text.resolve(language)
    }

    public func localizedHint(_ language: Language) -> String? {
        let text: LocalizedText
        switch self {
        case .unreadable:
            text = LocalizedText(
                en: "run `plugin reload` after moving or deleting plugin files",
                ptBR: "rode `plugin reload` depois de mover ou apagar arquivos de plugin")
        case .spawnFailed:
            text = LocalizedText(
                en: "check the file's execute permission and its #! line",
                ptBR: "confira a permissão de execução do arquivo e a linha #!")
        case .tooDeep:
            text = LocalizedText(
                en: "a plugin probably calls itself; check its script", ptBR: "um plugin provavelmente chama a si mesmo")
        case .noInterpreter:
            text = LocalizedText(
                en: "this is an r2s bug; please report it", ptBR: "isto é um defeito do r2s; por favor relate")
        case .notFound(_, let suggestions):
            text =
                suggestions.isEmpty
                ? LocalizedText(en: "`plugin ls` lists the plugins", ptBR: "`plugin ls` lista os plugins")
                : LocalizedText(
                    en: "did you mean: \(suggestions.joined(separator: ", "))?",
                    ptBR: "você quis dizer: \(suggestions.joined(separator: ", "))?")
        }
        return text.resolve(language)
    }
}
