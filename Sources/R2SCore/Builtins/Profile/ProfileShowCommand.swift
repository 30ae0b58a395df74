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
        var validation: (any Error)?
        let settings: ProfileSettings?
        do {
            settings = try ProfileSettings(profile)
        } catch {
            settings = nil
            validation = error
        }

        if context.format == .table {
            let marker = profile.looksLikeProduction ? " [PROD]" : ""
            let local = profile.name == Profile.localName ? " (embedded default; data in \(context.session.paths.data))" : ""
            context.console.writeLine("profile \(profile.name)\(marker)\(local)")
        }
        var columns = [OutputColumn("setting"), OutputColumn("value"), OutputColumn("origin")]
        if context.format != .table { columns.insert(OutputColumn("profile"), at: 0) }
        let rows = context.rows(columns)
        for (key, value, origin) in Self.entries(profile, settings: settings) {
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

    /// Every known setting plus any other key of the profile: masked value and origin.
    static func entries(_ profile: Profile, settings: ProfileSettings?) -> [(String, String?, String)] {
        var out: [(String, String?, String)] = []
        for key in SettingName.all {
            if let masked = profile.maskedValue(key) {
                out.append((key, masked, profile.origins[key] ?? "?"))
                continue
            }
            switch key {
            case "R2_ENDPOINT": out.append((key, settings?.endpoint, settings?.endpoint == nil ? "-" : "derived"))
            case "R2_REGION": out.append((key, settings?.region ?? "auto", "default"))
            case "R2S_CATALOG": out.append((key, settings?.catalog.rawValue, "default"))
            case "R2S_TABLE": out.append((key, settings?.table ?? "storage", "default"))
            default: out.append((key, nil, "-"))
            }
        }
        for key in profile.values.keys.sorted() where !SettingName.all.contains(key) {
            out.append((key, profile.maskedValue(key), profile.origins[key] ?? "?"))
        }
        return out
    }
}
