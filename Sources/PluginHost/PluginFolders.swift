#if canImport(Glibc)
import Glibc
#endif
public import R2SCore

/// Where a plugin was found; also the order folders are searched in.
public enum PluginSource: String, Sendable, Hashable, CaseIterable {
    /// A folder listed in `R2S_PLUGIN_PATH` (colon-separated, searched left to right).
    case pluginPath = "R2S_PLUGIN_PATH"
    /// `$XDG_CONFIG_HOME/r2s/plugins` — the operator's own plugins.
    case config
    /// The examples shipped with r2s, one folder each (`plugins/<name>/` in the repository, or
    /// `<prefix>/share/r2s/plugins/<name>/`).
    case shipped
    /// A directory on `PATH` (external `r2s-NAME` programs only, the git/kubectl model).
    case path = "PATH"
}

/// One folder searched for plugins.
public struct PluginFolder: Sendable, Hashable {
    /// The folder as configured (not resolved, so `plugin ls` shows what the operator wrote).
    public var path: String
    public var source: PluginSource
    /// Whether `.r2s` script plugins are taken from this folder (not from `PATH` directories:
    /// a stray `notes.r2s` in `/usr/local/bin` must not become a command).
    public var allowsScripts: Bool { source != .path }

    public init(path: String, source: PluginSource) {
        self.path = path
        self.source = source
    }
}

extension PluginHost {
    /// The folders searched, in order: `R2S_PLUGIN_PATH` entries, the config dir's `plugins/`,
    /// each shipped plugin's folder, then `PATH` (external plugins only). A folder listed twice
    /// (same resolved path) is searched once, at its first position. User folders are flat;
    /// shipped plugins are found one level deep (`plugins/*/`).
    public static func folders(paths: Paths, environment: [String: String], executablePath: String?) -> [PluginFolder] {
        var out: [PluginFolder] = []
        var seen = Set<String>()
        func add(_ path: String, _ source: PluginSource) {
            guard !path.isEmpty else { return }
            let key = FileSystem.realPath(path) ?? path
            guard seen.insert(key).inserted else { return }
            out.append(PluginFolder(path: path, source: source))
        }
        for entry in (environment["R2S_PLUGIN_PATH"] ?? "").split(separator: ":") { add(String(entry), .pluginPath) }
        add(paths.config + "/plugins", .config)
        if let shipped = shippedFolder(executablePath: executablePath) {
            for folder in shippedPluginFolders(in: shipped) { add(folder, .shipped) }
        }
        for entry in (environment["PATH"] ?? "").split(separator: ":") { add(String(entry), .path) }
        return out
    }

    /// The shipped examples folder for an executable:
    /// - installed: `<exe dir>/../share/r2s/plugins` (e.g. `/usr/local/bin/r2s` →
    ///   `/usr/local/share/r2s/plugins`);
    /// - in the build tree: the `plugins/` folder beside the `Package.swift` of the first of the
    ///   executable's four nearest ancestors that has one (`.build/debug/r2s` resolves to
    ///   `.build/<triple>/debug/r2s`, three levels below the repository).
    public static func shippedFolder(executablePath: String?) -> String? {
        guard let executablePath else { return nil }
        let exe = FileSystem.realPath(executablePath) ?? executablePath
        var dir = FileSystem.dirname(exe)
        let installed = dir + "/../share/r2s/plugins"
        if FileSystem.isDirectory(installed) { return FileSystem.realPath(installed) ?? installed }
        for _ in 0..<4 {
            dir = FileSystem.dirname(dir)
            if FileSystem.isRegularFile(dir + "/Package.swift"), FileSystem.isDirectory(dir + "/plugins") {
                return FileSystem.join(dir, "plugins")
            }
            if dir == "/" { break }
        }
        return nil
    }

    /// The folders of the shipped plugins below `root`, in byte order of their names: each
    /// directory one level down, except compiled command modules (a folder holding `Sources/`),
    /// which are never scanned at run time.
    public static func shippedPluginFolders(in root: String) -> [String] {
        FileSystem.entries(of: root) { _ in true }
            .map { FileSystem.join(root, $0) }
            .filter { FileSystem.isDirectory($0) && !FileSystem.isDirectory($0 + "/Sources") }
    }

    /// The running executable's path (`/proc/self/exe`, symlinks resolved), or `nil`.
    public static func currentExecutablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
