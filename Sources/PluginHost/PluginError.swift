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
    /// The plugin file or its folder could have been written by someone else (`PluginPermissions`).
    case unsafe(name: String, problem: PluginPermissions.Problem)

    public var exitStatus: ExitStatus {
        switch self {
        // Runaway nesting is the same class of error as `source` nesting: a usage error.
        case .notFound, .tooDeep: .usage
        case .unsafe: .refused
        default: .failure
        }
    }

    public var message: LocalizedText {
        switch self {
        case .unreadable(let name, let path): LocalizedText(en: "cannot read plugin '\(name)' at \(path)", ptBR: "não consigo ler o plugin '\(name)' em \(path)")
        case .spawnFailed(let name, let path, let reason): LocalizedText(en: "cannot run plugin '\(name)' (\(path)): \(reason)", ptBR: "não consigo executar o plugin '\(name)' (\(path)): \(reason)")
        case .tooDeep(let name, let limit): LocalizedText(en: "plugin '\(name)': scripts nested more than \(limit) deep", ptBR: "plugin '\(name)': scripts aninhados em mais de \(limit) níveis")
        case .noInterpreter(let name): LocalizedText(en: "script plugin '\(name)' cannot run: no interpreter attached", ptBR: "o plugin de script '\(name)' não pode rodar: nenhum interpretador conectado")
        case .notFound(let name, _): LocalizedText(en: "no plugin named '\(name)'", ptBR: "nenhum plugin chamado '\(name)'")
        case .unsafe(let name, let problem): LocalizedText(en: "plugin '\(name)' not run: " + Self.describe(problem).en, ptBR: "plugin '\(name)' não executado: " + Self.describe(problem).ptBR)
        }
    }

    public var hintText: LocalizedText? {
        switch self {
        case .unreadable: LocalizedText(en: "run `plugin reload` after moving or deleting plugin files", ptBR: "rode `plugin reload` depois de mover ou apagar arquivos de plugin")
        case .spawnFailed: LocalizedText(en: "check the file's execute permission and its #! line", ptBR: "confira a permissão de execução do arquivo e a linha #!")
        case .tooDeep: LocalizedText(en: "a plugin probably calls itself; check its script", ptBR: "um plugin provavelmente chama a si mesmo")
        case .noInterpreter: LocalizedText(en: "this is an r2s bug; please report it", ptBR: "isto é um defeito do r2s; por favor relate")
        case .unsafe(_, .worldWritable(let path)): LocalizedText(en: "chmod go-w '\(path)'", ptBR: "chmod go-w '\(path)'")
        case .unsafe(_, .foreignOwner(let path, _)): LocalizedText(en: "chown it to yourself (or root) if you trust it, or move '\(path)' out of the plugin folders", ptBR: "passe-o para você (ou root) com chown se confiar nele, ou tire '\(path)' das pastas de plugins")
        case .notFound(_, let suggestions):
            suggestions.isEmpty
                ? LocalizedText(en: "`plugin ls` lists the plugins", ptBR: "`plugin ls` lista os plugins")
                : .didYouMean(suggestions)
        }
    }

    /// What is unsafe about a plugin's file, for messages and warnings.
    public static func describe(_ problem: PluginPermissions.Problem) -> LocalizedText {
        switch problem {
        case .worldWritable(let path): LocalizedText(en: "\(path) is world-writable (anyone could change what it runs)", ptBR: "\(path) pode ser alterado por qualquer usuário (world-writable)")
        case .foreignOwner(let path, let uid): LocalizedText(en: "\(path) is owned by uid \(uid), not by you or root", ptBR: "\(path) pertence ao uid \(uid), não a você nem ao root")
        }
    }
}
