import ArgumentParser

struct ProfileShowCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a profile's settings (secrets masked) and where each comes from.",
        discussion: """
            Without NAME shows the active profile. ORIGIN is `env`, `.env`, `config`, `derived` \
            (R2_ENDPOINT built from R2_ACCOUNT_ID) or `default`. Secret values are never printed: \
            they appear as **** (plus their last 4 characters when long), and the password of a \
            URL is masked.

            EXAMPLES:
              profile show
              profile show prod
              profile show --json
            """)

    @Argument(help: "The profile to show (default: the active one).")
    var name: String?

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        ProfileCommands.completeNames(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let profile: Profile
        if let name, name != context.profile.name {
            let resolution = try ProfileCommands.resolve(name, in: context, source: "profile show")
            for warning in resolution.warnings { context.warn(warning) }
            profile = resolution.profile
        } else {
            profile = context.profile
        }
        // The stores' parsers (through the installed describer) validate and derive values.
        var validation: (any Error)?
        var implied: [String: ProfileDescription.Implied] = [:]
        if let describer = ProfileDescriptions.describer {
            do {
                implied = try describer.describe(profile).implied
            } catch {
                validation = error
                implied = describer.impliedWhenInvalid(profile)
            }
        }

        if context.format == .table {
            let marker = profile.looksLikeProduction ? " [PROD]" : ""
            let local = profile.name == Profile.localName ? " (embedded default; data in \(context.session.paths.data))" : ""
            context.console.writeLine("profile \(profile.name)\(marker)\(local)")
        }
        var columns = [OutputColumn("setting"), OutputColumn("value"), OutputColumn("origin")]
        if context.format != .table { columns.insert(OutputColumn("profile"), at: 0) }
        let rows = context.rows(columns)
        for (key, value, origin) in Self.entries(profile, implied: implied) {
            var row: [OutputValue] = [.string(key), .text(value), .string(origin)]
            if context.format != .table { row.insert(.string(profile.name), at: 0) }
            rows.add(row)
        }
        rows.finish()
        if let validation {
            context.console.flush()
            return ErrorRenderer.render(validation, in: context)
        }
        return .ok
    }

    /// Every known setting plus any other key of the profile: masked value and origin; an unset
    /// setting shows what it amounts to (`implied`: derived or default), else `-`.
    static func entries(_ profile: Profile, implied: [String: ProfileDescription.Implied]) -> [(String, String?, String)] {
        var out: [(String, String?, String)] = []
        for key in SettingName.all {
            if let masked = profile.maskedValue(key) {
                out.append((key, masked, profile.origins[key] ?? "?"))
                continue
            }
            let unset = implied[key] ?? ProfileDescription.Implied(nil, origin: "-")
            out.append((key, unset.value, unset.origin))
        }
        for key in profile.values.keys.sorted() where !SettingName.all.contains(key) {
            out.append((key, profile.maskedValue(key), profile.origins[key] ?? "?"))
        }
        return out
    }
}
