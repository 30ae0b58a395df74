public import R2SCore

extension ShellContext {
    /// A context with no commands and a captured console, for tests that hand it to services:
    /// profile `name` with `values`, XDG folders `config`, `state` and `data` under `folder`
    /// (nothing creates them until a service writes there).
    public static func testing(_ values: [String: String], name: String, folder: String) -> ShellContext {
        let session = Session(
            profile: Profile(name: name, values: values), environment: [:],
            paths: Paths(config: folder + "/config", state: folder + "/state", data: folder + "/data"), language: .en)
        return ShellContext(console: BufferConsole(), session: session, registry: CommandRegistry(modules: []))
    }
}
