extension Profile {
    /// A hash of the profile's state (name, values and their origins): cache slots keyed by it
    /// can never hand out something built from other settings after `set` or `profile use`.
    public var stateHash: Int {
        var hasher = Hasher()
        hasher.combine(name)
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            hasher.combine(key)
            hasher.combine(value)
        }
        for (key, origin) in origins.sorted(by: { $0.key < $1.key }) {
            hasher.combine(key)
            hasher.combine(origin)
        }
        return hasher.finalize()
    }
}

extension ShellContext {
    /// The active profile as the stores' parsers read it, parsed once per profile state and
    /// kept in the session (a sync asks from its log, report header and watch loop); `set` and
    /// `profile use` change the state and so the slot. A profile that does not parse throws each
    /// time (nothing is cached); `nil` when no describer is installed (`ProfileDescriptions`).
    public func profileDescription() throws -> ProfileDescription? {
        guard let describer = ProfileDescriptions.describer else { return nil }
        let profile = self.profile
        return try session.cached("profile-description.\(profile.name).\(profile.stateHash)") {
            try describer.describe(profile)
        }
    }
}
