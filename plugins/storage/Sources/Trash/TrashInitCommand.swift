import ArgumentParser
import R2SCore
import Services

/// `trash init [BUCKET]`: create the trash bucket and point `R2S_TRASH` at it.
struct TrashInitCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the trash bucket (<bucket>-trash or BUCKET) and set R2S_TRASH.",
        discussion: """
            Creates the bucket in the same account (an existing bucket of yours is fine) and
            records R2S_TRASH in the profile's section of the config file (the `env` profile,
            which comes from the environment, only gets it for this session: add the printed
            line to the environment or .env). On the local profile the trash is a folder that
            needs no set-up.

            EXAMPLES:
              trash init
            """)

    @Argument(help: ArgumentHelp("The trash bucket (default: <R2_BUCKET>-trash).", valueName: "BUCKET"))
    var bucket: String?

    func run(in context: ShellContext) async throws -> ExitStatus {
        let access = try StorageAccess(context)
        let settings = try context.profileDescription()
        guard let settings, settings.endpoint != nil else {
            guard let trash = try access.trash() else { throw CommandError(.trashNone, hint: .trashNoneHint, status: .config) }
            context.info(.trashLocalAlready(trash.location.description))
            return .ok
        }
        let main = try settings.requireBucket()
        let name = bucket ?? main + "-trash"
        guard TrashLocation.isBucketName(name), name != main else {
            throw ValidationError("'\(name)' is not a bucket name of its own (3–63 of a–z, 0–9, '.', '-'; not R2_BUCKET)")
        }
        guard let services = access.services as? any TrashServices else {
            throw CommandError(.trashNone, hint: .trashNoneHint, status: .config)
        }
        try await services.createTrashBucket(name, context)
        var profile = context.session.profile
        let earlier = profile.origins["R2S_TRASH"]
        // Recorded in the profile's section of the config file, so every later session uses it.
        let saved = try ProfileSettingSave.save("R2S_TRASH", name, profile: profile.name, paths: context.session.paths)
        profile.values["R2S_TRASH"] = name
        profile.origins["R2S_TRASH"] = saved == nil ? "trash init" : "config"
        context.session.profile = profile
        context.session.invalidate()
        context.info(.trashInitDone("s3://" + name + "/"))
        if let saved {
            context.info(.trashInitSaved(profile.name, name, saved))
            if let earlier, earlier.hasPrefix("env") || earlier.hasPrefix(".env") { context.warn(.trashInitShadowed(earlier)) }
        } else if profile.name == ProfileLoader.environmentName {
            context.info(.trashInitSaveEnv(name))
        } else {
            context.info(.trashInitSave(profile.name, name))
        }
        return .ok
    }
}
