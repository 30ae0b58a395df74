/// The XDG base directories r2s uses (config, state, data), resolved once from the environment.
public struct Paths: Sendable, Hashable {
    /// `$XDG_CONFIG_HOME/r2s` (profiles, filters, plugins).
    public var config: String
    /// `$XDG_STATE_HOME/r2s` (history).
    public var state: String
    /// `$XDG_DATA_HOME/r2s` (the embedded `local` bucket folder and SQLite catalog).
    public var data: String

    public init(config: String, state: String, data: String) {
        self.config = config
        self.state = state
        self.data = data
    }

    /// Resolves the XDG directories (falls back to `~/.config`, `~/.local/state`, `~/.local/share`).
    public static func from(environment env: [String: String]) -> Paths {
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        func dir(_ name: String, _ fallback: String) -> String {
            if let v = env[name], v.hasPrefix("/") { return v + "/r2s" }
            return home + "/" + fallback + "/r2s"
        }
        return Paths(
            config: dir("XDG_CONFIG_HOME", ".config"),
            state: dir("XDG_STATE_HOME", ".local/state"),
            data: dir("XDG_DATA_HOME", ".local/share"))
    }
}
