/// The words the shell puts before every error, hint and warning it prints (`ErrorRenderer`,
/// script errors, `ShellContext.warn`, the sync log), so all of them say it the same way.
extension LocalizedText {
    public static let errorPrefix = LocalizedText(en: "error:", ptBR: "erro:")
    public static let hintPrefix = LocalizedText(en: "hint:", ptBR: "dica:")
    public static let warningPrefix = LocalizedText(en: "warning:", ptBR: "aviso:")
    static let internalErrorHint = LocalizedText(
        en: "this is an r2s bug; rerun with R2S_DEBUG=1 and report it",
        ptBR: "isto é um defeito do r2s; rode de novo com R2S_DEBUG=1 e relate")
}
