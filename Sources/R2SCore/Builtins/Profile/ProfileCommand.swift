import ArgumentParser

/// `profile ls|show|use`: the configuration profiles (environment, `.env`, config file, `local`).
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "List, show, switch, add and remove configuration profiles.",
        discussion: """
            A profile is a set of settings (R2_BUCKET, DATABASE_URL, …) from the environment, a \
            .env file in the working directory and the config file ~/.config/r2s/config. \
            See docs/configuration.md.

            EXAMPLES:
              profile ls                    # all profiles, the active one marked
              profile show                  # the active profile's settings, secrets masked
              profile show prod             # what `--profile prod` would use
              profile use staging           # switch this session to `staging`
              profile use staging --save    # … and make it the default (config file)
              profile add dev               # create a profile, asking for its settings
              profile rm staging            # remove it from the config file
            """,
        subcommands: [
            ProfileListCommand.self, ProfileShowCommand.self, ProfileUseCommand.self, ProfileAddCommand.self,
            ProfileRemoveCommand.self,
        ])
}

/// Shared plumbing for the `profile` subcommands.
enum ProfileCommands {
    static func resolve(_ name: String?, in context: ShellContext, source: String = "profile use") throws
        -> ProfileLoader.Resolution
    {
        let session = context.session
        return try ProfileLoader.resolve(
            name: name, environment: session.environment, workingDirectory: ConfigFiles.workingDirectory(),
            paths: session.paths, nameSource: source)
    }

    static func available(in context: ShellContext) throws -> [ProfileLoader.Available] {
        let session = context.session
        return try ProfileLoader.available(
            environment: session.environment, workingDirectory: ConfigFiles.workingDirectory(), paths: session.paths)
    }

    /// Profile names for TAB completion (nothing when the config file is broken).
    static func completeNames(_ request: CompletionRequest, in context: ShellContext) -> [String] {
        guard request.previousWords.isEmpty, let all = try? available(in: context) else { return [] }
        return all.map(\.name)
    }
}

struct ProfileListCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the profiles; the active one is marked.",
        discussion: """
            Lists the config file's profiles, `env` when the environment or .env configure a \
            connection, and the embedded `local`.

            EXAMPLES:
              profile ls
              profile ls --json
            """,
        aliases: ["list"])

    func run(in context: ShellContext) async throws -> ExitStatus {
        let active = context.profile.name
        let rows = context.rows([
            OutputColumn("name"), OutputColumn("active"), OutputColumn("source"),
            OutputColumn("bucket"), OutputColumn("catalog"),
        ])
        for entry in try ProfileCommands.available(in: context) {
            // The active profile is shown as loaded; the others as they would load now.
            let profile = entry.name == active ? context.profile : (try? ProfileCommands.resolve(entry.name, in: context))?.profile
            let described = profile.flatMap { try? ProfileDescriptions.describer?.describe($0) }
            let isActive = entry.name == active
            rows.add([
                .string(entry.name),
                context.format == .table ? .string(isActive ? "*" : "") : .bool(isActive),
                .string(entry.source),
                .text(described?.bucket ?? (entry.name == Profile.localName ? "(local folder)" : nil)),
                .text(described?.catalogKind),
            ])
        }
        rows.finish()
        return .ok
    }
}
