import Synchronization

/// Mutable state shared by everything in one r2s process: the active profile, the profile
/// store, and per-session caches. One instance, created by the executable and passed down
/// (no singleton).
public final class Session: Sendable {
    private let profileState: Mutex<Profile>
    private let caches = Mutex([String: any Sendable]())
    private let target = Mutex<(describer: (@Sendable (ShellContext) -> TargetDescription?)?, last: TargetDescription?)>((nil, nil))

    /// The process environment (for `$VAR` interpolation and configuration).
    public let environment: [String: String]
    /// XDG directories.
    public let paths: Paths
    /// The user's language (from `LANG`).
    public let language: Language
    /// Every secret value of the session (`SecretRule`): for history, plugins and scrubbing.
    public let secrets = SessionSecrets()

    public init(profile: Profile, environment: [String: String], paths: Paths, language: Language) {
        self.profileState = Mutex(profile)
        self.environment = environment
        self.paths = paths
        self.language = language
        secrets.remember(environment)
        secrets.remember(profile.values)
    }

    /// The active profile.
    public var profile: Profile {
        get { profileState.withLock { $0 } }
        set {
            // A profile's secrets stay secrets after it is replaced (`profile use`, `set`).
            secrets.remember(newValue.values)
            profileState.withLock { $0 = newValue }
        }
    }

    /// A per-session cache slot (e.g. the key list for TAB completion, open connections), keyed by name.
    /// Modules namespace their keys ("storage.keys").
    public func cached<T: Sendable>(_ key: String, create: () throws -> T) rethrows -> T {
        if let hit = caches.withLock({ $0[key] as? T }) { return hit }
        let value = try create()
        caches.withLock { $0[key] = value }
        return value
    }

    /// Installs how the active profile's target is described (the executable's wiring: each
    /// store describes itself; R2SCore knows no store).
    public func setTargetDescriber(_ describer: @escaping @Sendable (ShellContext) -> TargetDescription?) {
        target.withLock { $0.describer = describer }
    }

    /// The installed describer, if any.
    public var targetDescriber: (@Sendable (ShellContext) -> TargetDescription?)? { target.withLock { $0.describer } }

    /// The target last announced (for the `target` object of `--json` summaries).
    public var announcedTarget: TargetDescription? { target.withLock { $0.last } }

    /// Remembers `description`; true when it differs from the last one (announce it).
    func rememberTarget(_ description: TargetDescription) -> Bool {
        target.withLock { state in
            if state.last == description { return false }
            state.last = description
            return true
        }
    }

    /// Drops a cache slot (or all with `nil`), e.g. after `profile use` or an upload.
    public func invalidate(_ key: String? = nil) {
        caches.withLock { c in
            if let key { c[key] = nil } else { c.removeAll() }
        }
    }
}
