import R2SCore

#if canImport(Glibc)
import Glibc
#endif

/// `r2s ls fichas`: the first word of the command line names a command or a script file.
///
/// A file wins when it is given with a `/` (`./ls`), or ends in `.r2s` and exists; otherwise a
/// registered command wins; otherwise an existing file is a script; a word that is neither is an
/// unknown command with a "did you mean" (status 2). A name ending in `.r2s` that does not exist
/// stays a file, so its error is "cannot read". See docs/language.md "Running r2s".
enum OneShot {
    /// What the first word turned out to be.
    enum Resolution: Equatable {
        case file(String)
        /// The text to run like `-c`: the words quoted so none is expanded or split again.
        case command(String)
        case unknown(word: String, suggestions: [String])
    }

    static func resolve(
        _ word: String, arguments: [String], registry: CommandRegistry,
        exists: (String) -> Bool = OneShot.isRegularFile
    ) -> Resolution {
        if word.contains("/") { return .file(word) }
        if word.hasSuffix(".r2s") && exists(word) { return .file(word) }
        if registry.entry(word) != nil { return .command(commandText([word] + arguments)) }
        if exists(word) || word.hasSuffix(".r2s") { return .file(word) }
        return .unknown(word: word, suggestions: registry.suggestions(for: word))
    }

    /// `on-error continue` so a failing command reports its own error once, without the
    /// script's "stopped:" line; the status is the command's.
    static func commandText(_ words: [String]) -> String {
        "on-error continue\n" + words.map(quote).joined(separator: " ") + "\n"
    }

    /// A single-quoted `.r2s` word (`'` itself as `"'"`): nothing inside is special.
    static func quote(_ word: String) -> String {
        "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\"'\"'") + "'"
    }

    /// The error for a first word that is neither a command nor a file.
    static func unknownError(_ word: String, suggestions: [String]) -> CommandError {
        let hint: LocalizedText =
            suggestions.isEmpty
            ? LocalizedText(
                en: "`r2s help` lists the commands; run a script file as `r2s ./\(word)`",
                ptBR: "`r2s help` lista os comandos; rode um arquivo de script com `r2s ./\(word)`")
            : LocalizedText(
                en: "did you mean: \(suggestions.joined(separator: ", "))? (`r2s help` lists the commands)",
                ptBR: "você quis dizer: \(suggestions.joined(separator: ", "))? (`r2s help` lista os comandos)")
        return CommandError(
            LocalizedText(
                en: "unknown command '\(word)' (and no such script file)",
                ptBR: "comando desconhecido '\(word)' (e nenhum arquivo de script com esse nome)"),
            hint: hint, status: .usage)
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
    }
}
