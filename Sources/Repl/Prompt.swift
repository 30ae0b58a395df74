public import R2SCore

/// The prompt texts. The active profile is always visible; a production-looking profile
/// (`prod…`) is marked so nobody types a delete into production by accident.
public enum Prompt {
    // libedit counts every byte of the prompt as a column unless it is wrapped in
    // RL_PROMPT_START_IGNORE/RL_PROMPT_END_IGNORE (\1 … \2): escapes are wrapped so the cursor
    // lands where it should.
    private static func invisible(_ escape: String) -> String { "\u{1}" + escape + "\u{2}" }

    /// `r2s:local> `; `r2s:prod-eu [PROD]> ` with a red bold `[PROD]` when colours are allowed,
    /// `r2s:prod-eu !PROD!> ` otherwise.
    public static func primary(profile: Profile, color: Bool) -> String {
        var text = "r2s:" + profile.name
        if profile.looksLikeProduction {
            text += color ? " " + invisible("\u{1B}[1;31m") + "[PROD]" + invisible("\u{1B}[0m") : " !PROD!"
        }
        return text + "> "
    }

    /// Shown while a command continues on the next line (trailing `\`, open quote or block).
    public static func continuation(profile: Profile) -> String {
        String(repeating: " ", count: max(0, ("r2s:" + profile.name).count - 3)) + "...> "
    }

    /// The start-up banner: version, profile and, for `local`, where its data lives.
    public static func banner(profile: Profile, paths: Paths, color: Bool, language: Language) -> String {
        var text = "r2s \(R2SVersion.current) — " + LocalizedText(en: "profile ", ptBR: "perfil ").resolve(language) + profile.name
        if profile.name == Profile.localName {
            text += LocalizedText(en: " (local folder + SQLite in \(paths.data))",
                                  ptBR: " (pasta local + SQLite em \(paths.data))").resolve(language)
        } else if profile.looksLikeProduction {
            let word = LocalizedText(en: "PRODUCTION", ptBR: "PRODUÇÃO").resolve(language)
            text += color ? " \u{1B}[1;31m[\(word)]\u{1B}[0m" : " !\(word)!"
        }
        return text + "\n" + LocalizedText(
            en: "Type `help` for commands, TAB to complete, Ctrl-D to exit.",
            ptBR: "Digite `help` para ver os comandos, TAB completa, Ctrl-D sai.").resolve(language) + "\n"
    }
}
