import ArgumentParser

struct ProfileUseCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "use", abstract: "Switch this session to another profile.",
        discussion: """
            Only this session changes; to change the default, set `current = NAME` in the config \
            file (or R2S_PROFILE). Cached listings and connections of the old profile are dropped.

            EXAMPLES:
              profile use staging
              profile use local
            """)

    @Argument(help: "The profile to switch to.")
    var name: String

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        ProfileCommands.completeNames(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let resolution = try ProfileCommands.resolve(name, in: context)
        for warning in resolution.warnings { context.warn(warning) }
        let profile = resolution.profile
        context.session.profile = profile
        context.session.invalidate()
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
