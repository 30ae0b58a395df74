/// Prints an error for the operator: `error: …` and `hint: …` on stderr, in the user's language.
public enum ErrorRenderer {
    /// Renders `error` and returns the status the failed command reports.
    @discardableResult
    public static func render(_ error: any Error, in context: ShellContext) -> ExitStatus {
        let lang = context.language
        // Red `error:` and cyan `hint:` on a terminal (`--color`, NO_COLOR).
        let color = context.console.useColor
        let prefix = paint(LocalizedText.errorPrefix.resolve(lang), .red, color) + " "
        let hintPrefix = paint(LocalizedText.hintPrefix.resolve(lang), .cyan, color) + " "
        // Every message passes the session's secret scrubber: a library's text may quote a URL
        // or value that holds one (libpq quotes the connection string it failed to parse).
        let secrets = context.session.secrets
        if let e = error as? any UserFacingError {
            context.console.writeErrorLine(prefix + secrets.scrub(e.localizedMessage(lang)))
            if let hint = e.localizedHint(lang) { context.console.writeErrorLine(hintPrefix + secrets.scrub(hint)) }
            return e.exitStatus
        }
        // Not a typed user error: name its type but not its payload (which may hold secrets).
        context.console.writeErrorLine(prefix + LocalizedText.internalError("\(type(of: error))").resolve(lang))
        context.console.writeErrorLine(hintPrefix + LocalizedText.internalErrorHint.resolve(lang))
        if context.session.environment["R2S_DEBUG"] == "1" {
            context.console.writeErrorLine(secrets.scrub(String(reflecting: error)))
        }
        return .failure
    }

    private static func paint(_ text: String, _ paint: ColorMode.Paint, _ on: Bool) -> String {
        on ? ColorMode.paint(text, paint) : text
    }
}
