import R2SCore

/// The error of docs/architecture.md's recipe ("A new error and a new text"), written as there.
struct QuotaError: UserFacingError {
    var used: Int
    var message: LocalizedText {
        LocalizedText(en: "quota exceeded: \(used) objects", ptBR: "cota excedida: \(used) objetos")
    }
    var hintText: LocalizedText? {
        LocalizedText(en: "remove objects with `rm`", ptBR: "remova objetos com `rm`")
    }
    var exitStatus: ExitStatus { .refused }
}
