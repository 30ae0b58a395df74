import Synchronization

/// Every secret value seen in one session, by `SecretRule`: the environment's and the
/// profiles' at start, and each value later set under a secret name (`set DBPW …`, `set $N …`,
/// `profile use`). A value once secret stays secret for the rest of the session, whatever it is
/// copied into later — so history, plugin environments and error scrubbing all ask here.
public final class SessionSecrets: Sendable {
    private let values = Mutex(Set<String>())

    public init() {}

    /// Records the secret values a setting holds (see `SecretRule.secretValues`).
    public func remember(name: String, value: String) {
        let found = SecretRule.secretValues(name: name, value: value).filter(SecretRule.isMatchable)
        guard !found.isEmpty else { return }
        values.withLock { $0.formUnion(found) }
    }

    /// Records every secret of a set of settings (a profile's values, the environment).
    public func remember(_ settings: [String: String]) {
        for (name, value) in settings { remember(name: name, value: value) }
    }

    /// The values recorded so far.
    public var all: Set<String> { values.withLock { $0 } }

    /// True when `text` contains a secret value of the session.
    public func appear(in text: String) -> Bool {
        SecretRule.contains(text, anyOf: all)
    }

    /// `text` with every secret of the session (and any URL password or userinfo) masked.
    public func scrub(_ text: String) -> String {
        SecretRule.scrub(text, known: all)
    }
}
