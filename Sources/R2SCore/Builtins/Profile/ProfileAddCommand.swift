import ArgumentParser

/// `profile add NAME`: asks for the settings and appends `[profile NAME]` to the config file.
struct ProfileAddCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Create a profile in the config file, asking for its settings.",
        discussion: """
            Asks for each setting on the terminal (Enter skips one); secrets (R2_SECRET_ACCESS_KEY, \
            DATABASE_URL, SUPABASE_KEY) are typed without echo and never printed. The profile is \
            appended to the config file (~/.config/r2s/config), which is written 0600. Use \
            `profile use NAME --save` to make it the default.

            EXAMPLES:
              profile add dev
            """)

    @Argument(help: "The new profile's name (letters, digits, '.', '_', '-').")
    var name: String

    /// The settings asked for, in order; `true` = a secret (no echo).
    static let questions: [(String, Bool)] = [
        ("R2_ACCOUNT_ID", false), ("R2_ACCESS_KEY_ID", false), ("R2_SECRET_ACCESS_KEY", true), ("R2_BUCKET", false),
        ("R2_PUBLIC_URL", false), ("DATABASE_URL", true), ("SUPABASE_URL", false), ("SUPABASE_KEY", true),
    ]

    func validate() throws {
        guard Profile.isValidName(name), name != Profile.localName, name != "env" else {
            throw ValidationError("invalid profile name '\(name)': letters, digits, '.', '_' and '-'; not `local` or `env`")
        }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let path = ProfileLoader.configPath(context.session.paths)
        let text = try ProfileFile.text(path)
        if try ConfigFile.parse(text, path: path).section(name) != nil {
            throw CommandError(
                LocalizedText(en: "profile \(name) already exists in \(path)", ptBR: "o perfil \(name) já existe em \(path)"),
                hint: LocalizedText(en: "remove it first with `profile rm \(name)`", ptBR: "remova-o antes com `profile rm \(name)`"),
                status: .refused)
        }
        guard context.console.isInteractive else {
            throw CommandError(
                LocalizedText(en: "profile add asks for the settings on a terminal", ptBR: "profile add pergunta as configurações num terminal"),
                hint: LocalizedText(
                    en: "run it in the interactive shell, or write the [profile \(name)] section yourself (docs/configuration.md)",
                    ptBR: "rode no shell interativo, ou escreva a seção [profile \(name)] você mesmo (docs/configuration.md)"),
                status: .usage)
        }
        var values: [(String, String)] = []
        for (setting, secret) in Self.questions {
            guard let answer = context.console.readLine(prompt: setting + (secret ? " (hidden)" : "") + ": ", secret: secret) else {
                throw CommandError(LocalizedText(en: "no answer: nothing was written", ptBR: "sem resposta: nada foi gravado"), status: .failure)
            }
            let value = answer.trimmingCharacters(in: " \t")
            if !value.isEmpty { values.append((setting, value)) }
        }
        try ConfigFileEdit.write(ConfigFileEdit.appendingSection(text, name: name, values: values), to: path)
        context.info(LocalizedText(
            en: "profile \(name) written to \(path) (\(values.count) settings); `profile use \(name)` switches to it",
            ptBR: "perfil \(name) gravado em \(path) (\(values.count) configurações); `profile use \(name)` muda para ele"))
        return .ok
    }
}

/// `profile rm NAME`: removes the section (and a `current` naming it) from the config file.
struct ProfileRemoveCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove a profile from the config file.",
        discussion: """
            Removes the [profile NAME] section; when `current` names it, `current` goes too (the \
            default falls back to the environment or `local`). Other lines and comments are kept.

            EXAMPLES:
              profile rm staging
            """,
        aliases: ["remove"])

    @Argument(help: "The profile to remove.")
    var name: String

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        ProfileCommands.completeNames(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let path = ProfileLoader.configPath(context.session.paths)
        let text = try ProfileFile.text(path)
        let file = try ConfigFile.parse(text, path: path)
        guard var edited = ConfigFileEdit.removingSection(text, name: name) else {
            throw CommandError(
                LocalizedText(en: "no profile \(name) in \(path)", ptBR: "nenhum perfil \(name) em \(path)"),
                hint: LocalizedText(en: "`profile ls` lists the profiles and where they come from", ptBR: "`profile ls` lista os perfis e de onde vêm"),
                status: .failure)
        }
        if file.current == name { edited = ConfigFileEdit.settingCurrent(edited, to: nil) }
        try ConfigFileEdit.write(edited, to: path)
        context.info(LocalizedText(en: "profile \(name) removed from \(path)", ptBR: "perfil \(name) removido de \(path)"))
        if context.profile.name == name {
            context.warn(LocalizedText(
                en: "this session still uses \(name) until `profile use`", ptBR: "esta sessão continua usando \(name) até `profile use`"))
        }
        return .ok
    }
}

/// The config file's text for editing (empty when it does not exist yet).
enum ProfileFile {
    static func text(_ path: String) throws -> String {
        switch ConfigFiles.read(path) {
        case .text(let text, _): return text
        case .missing: return ""
        case .unreadable(let code):
            let reason = ConfigFiles.describe(errno: code)
            throw ConfigError(.unreadable, LocalizedText(en: "cannot read \(path): \(reason)", ptBR: "não foi possível ler \(path): \(reason)"))
        }
    }
}
