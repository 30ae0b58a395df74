#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
public import UserFacing

/// The local store's errors, shown as-is: keys and paths, never a secret (the local store has none).
extension LocalFolderStoreError: UserFacingError {
    public var exitStatus: ExitStatus {
        switch code {
        case .notFound, .invalidRange, .io, .sourceUnreadable: .failure
        case .invalidKey, .cannotPresign: .usage
        }
    }

    public var message: LocalizedText {
        let k = key.map { "'\($0)'" } ?? ""
        switch code {
        case .notFound:
            return LocalizedText(
                en: "object \(k) not found in the local folder", ptBR: "objeto \(k) não encontrado na pasta local")
        case .invalidKey:
            return LocalizedText(
                en: "invalid key \(k): empty or longer than 1024 bytes",
                ptBR: "chave inválida \(k): vazia ou com mais de 1024 bytes")
        case .invalidRange:
            return LocalizedText(en: "range is outside object \(k)", ptBR: "intervalo fora do objeto \(k)")
        case .cannotPresign:
            return LocalizedText(
                en: "the local profile has no URLs to presign", ptBR: "o perfil local não tem URLs para pré-assinar")
        case .io(let e):
            let op = operation ?? "i/o"
            return LocalizedText(
                en: "\(op) failed on '\(path ?? "")': " + Self.describe(e),
                ptBR: "falha em \(op) de '\(path ?? "")': " + Self.describe(e))
        case .sourceUnreadable(let e):
            return LocalizedText(
                en: "cannot read '\(path ?? "")': " + Self.describe(e),
                ptBR: "não foi possível ler '\(path ?? "")': " + Self.describe(e))
        }
    }

    public var hintText: LocalizedText? {
        switch code {
        case .cannotPresign: LocalizedText(en: "switch to an R2/S3 profile (`profile use NAME`) to get URLs", ptBR: "use um perfil R2/S3 (`profile use NOME`) para gerar URLs")
        case .notFound: LocalizedText(en: "check the key with `ls`", ptBR: "confira a chave com `ls`")
        case .io(let e) where e == ENOSPC: LocalizedText(en: "the disk is full", ptBR: "o disco está cheio")
        case .io(let e) where e == EACCES: LocalizedText(en: "check the local folder's permissions", ptBR: "confira as permissões da pasta local")
        default:
            nil
        }
    }
}
