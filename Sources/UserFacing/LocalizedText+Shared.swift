/// Texts that several modules say in the same words, defined once here — the lowest target the
/// shell, the stores and every module see — so their wording cannot drift apart.
extension LocalizedText {
    /// A command, a script or a batch stopped by Ctrl-C.
    public static let interrupted = LocalizedText(en: "interrupted", ptBR: "interrompido")

    /// An error r2s did not expect (a bug), named by its type.
    public static func internalError(_ type: String) -> LocalizedText {
        LocalizedText(en: "internal error (\(type))", ptBR: "erro interno (\(type))")
    }

    /// The user answered no to a confirmation.
    public static let cancelledNothingChanged = LocalizedText(
        en: "cancelled; nothing was changed", ptBR: "cancelado; nada foi alterado")

    /// A file r2s could not create or write, and why (the system's reason).
    public static func cannotWrite(_ path: String, _ reason: String) -> LocalizedText {
        LocalizedText(en: "cannot write \(path): \(reason)", ptBR: "não foi possível gravar \(path): \(reason)")
    }

    /// The hint for a file r2s could not create or write.
    public static let checkFolderWritable = LocalizedText(
        en: "check that the folder exists and is writable", ptBR: "confira se a pasta existe e aceita gravação")

    /// The hint for a mistyped name: the close names that do exist.
    public static func didYouMean(_ suggestions: [String]) -> LocalizedText {
        LocalizedText(
            en: "did you mean: \(suggestions.joined(separator: ", "))?",
            ptBR: "você quis dizer: \(suggestions.joined(separator: ", "))?")
    }
}
