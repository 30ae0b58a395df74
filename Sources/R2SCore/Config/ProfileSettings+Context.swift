extension ShellContext {
    /// The active profile's settings, parsed once per profile state and kept in the session, so
    /// one command (a sync asks for them from the services, the log, the report header and the
    /// watch loop) reads the profile once; `set` and `profile use` change the state and so the
    /// slot. A profile that does not parse throws each time (nothing is cached).
    public func settings() throws -> ProfileSettings {
        var hasher = Hasher()
        for (key, value) in profile.values.sorted(by: { $0.key < $1.key }) {
            hasher.combine(key)
            hasher.combine(value)
        }
        for (key, origin) in profile.origins.sorted(by: { $0.key < $1.key }) {
            hasher.combine(key)
            hasher.combine(origin)
        }
        return try session.cached("settings.\(profile.name).\(hasher.finalize())") { try ProfileSettings(profile) }
    }
}
