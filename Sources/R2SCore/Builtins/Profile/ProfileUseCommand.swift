import ArgumentParser

struct ProfileUseCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "use", abstract: "Switch this session to another profile.",
        discussion: """
            Only this session changes, unless --save: then `current = NAME` is written to the \
            config file and the profile becomes the default (R2S_PROFILE and --profile still win). \
            Cached listings and connections of the old profile are dropped.

            EXAMPLES:
              profile use staging
              profile use local --save
            """)

    @Argument(help: "The profile to switch to.")
    var name: String

    @Flag(help: "Also make it the default: `current = NAME` in the config file.")
    var save = false

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        ProfileCommands.completeNames(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let resolution = try ProfileCommands.resolve(name, in: context)
        for warning in resolution.warnings { context.warn(warning) }
        let profile = resolution.profile
        context.session.profile = profile
        context.session.invalidate()
        if save {
            let path = ProfileLoader.configPath(context.session.paths)
            try ConfigFileEdit.write(ConfigFileEdit.settingCurrent(try ProfileFile.text(path), to: profile.name), to: path)
            context.info(LocalizedText(en: "default profile saved in \(path)", ptBR: "perfil padrão gravado em \(path)"))
        }
        if context.format == .table {
            context.info(LocalizedText(en: "now using profile \(profile.name)", ptBR: "usando o perfil \(profile.name)"))
        } else {
            context.summary([("profile", .string(profile.name))])
        }
        if profile.looksLikeProduction {
            context.warn(LocalizedText(
                en: "profile \(profile.name) looks like production: commands change real data",
                ptBR: "o perfil \(profile.name) parece ser de produção: os comandos alteram dados reais"))
        }
        return .ok
    }
}
