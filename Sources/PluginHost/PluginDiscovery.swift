public import R2SCore

/// Runtime plugins: `.r2s` script commands and external `r2s-NAME` programs found in plugin
/// folders, registered beside the compiled commands (see docs/plugins.md).
public enum PluginHost {}

/// The two kinds of runtime plugin.
public enum PluginKind: String, Sendable, Hashable {
    /// A `.r2s` file run by the shell's own interpreter.
    case script
    /// An executable `r2s-NAME` run as a child process.
    case external
}

/// One plugin file found by discovery.
public struct PluginDescriptor: Sendable, Hashable {
    /// The command word (`orphans` for `orphans.r2s`, `report-html` for `r2s-report-html`).
    public var name: String
    public var kind: PluginKind
    /// The file's path (folder as configured + file name).
    public var path: String
    /// The folder kind it was found in.
    public var source: PluginSource

    public init(name: String, kind: PluginKind, path: String, source: PluginSource) {
        self.name = name
        self.kind = kind
        self.path = path
        self.source = source
    }
}

/// What a plugin's name resolves to after the shadowing rules.
public enum PluginStatus: Sendable, Hashable {
    /// Registered: the command word runs this plugin.
    case active
    /// Not registered: a built-in command or shell word has this name (built-ins always win).
    case shadowedByBuiltin
    /// Not registered: a plugin found earlier (at this path) has this name (first found wins).
    case shadowedBy(path: String)
}

/// The result of one discovery pass: every plugin file found, in discovery order.
public struct PluginDiscovery: Sendable {
    /// The folders searched, in order.
    public var folders: [PluginFolder]
    /// Every plugin found, in discovery order, later duplicates included.
    public var plugins: [PluginDescriptor]

    public init(folders: [PluginFolder], plugins: [PluginDescriptor]) {
        self.folders = folders
        self.plugins = plugins
    }

    /// The status of each plugin: built-in names are never shadowed, and for a name found more
    /// than once the first one found wins. `isBuiltin` says whether a word is compiled in or an
    /// interpreter word.
    public func statuses(isBuiltin: (String) -> Bool) -> [(plugin: PluginDescriptor, status: PluginStatus)] {
        var first: [String: String] = [:]
        return plugins.map { plugin in
            if isBuiltin(plugin.name) { return (plugin, .shadowedByBuiltin) }
            if let winner = first[plugin.name] { return (plugin, .shadowedBy(path: winner)) }
            first[plugin.name] = plugin.path
            return (plugin, .active)
        }
    }
}

extension PluginHost {
    /// Lists the plugin files in `folders`, in order. Within a folder, entries are taken in
    /// byte order of their file names; `.r2s` files (not from `PATH`) are script plugins, and
    /// executable regular files named `r2s-NAME` are external plugins. Missing or unreadable
    /// folders contribute nothing.
    public static func scan(folders: [PluginFolder]) -> PluginDiscovery {
        var found: [PluginDescriptor] = []
        for folder in folders {
            let files = FileSystem.entries(of: folder.path) { classify($0, allowScripts: folder.allowsScripts) != nil }
            for file in files {
                guard let (name, kind) = classify(file, allowScripts: folder.allowsScripts) else { continue }
                let path = FileSystem.join(folder.path, file)
                switch kind {
                case .script: guard FileSystem.isRegularFile(path) else { continue }
                case .external: guard FileSystem.isExecutableFile(path) else { continue }
                }
                found.append(PluginDescriptor(name: name, kind: kind, path: path, source: folder.source))
            }
        }
        return PluginDiscovery(folders: folders, plugins: found)
    }

    /// The command word and kind a file name stands for, or `nil` when it is no plugin.
    /// A name must be a usable command word: no spaces, quotes or `$`, not starting with `-`.
    static func classify(_ file: String, allowScripts: Bool) -> (String, PluginKind)? {
        let name: String
        let kind: PluginKind
        if file.hasSuffix(".r2s") {
            guard allowScripts else { return nil }
            name = String(file.dropLast(4))
            kind = .script
        } else if file.hasPrefix("r2s-") {
            name = String(file.dropFirst(4))
            kind = .external
        } else {
            return nil
        }
        guard isCommandWord(name) else { return nil }
        return (name, kind)
    }

    static func isCommandWord(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "-" else { return false }
        return name.unicodeScalars.allSatisfy { c in
            (c.properties.isAlphabetic || c.properties.numericType != nil || c == "-" || c == "_" || c == ".")
                && c.value > 0x20
        }
    }

    /// Discovers the plugins for these settings and builds their commands, in discovery order
    /// (duplicates included: `CommandRegistry.setRuntimeCommands` keeps the first and records
    /// the rest as clashes). Script plugins run through `runner`.
    public static func discover(
        paths: Paths, environment: [String: String], executablePath: String?, runner: ScriptRunnerSlot
    ) -> [any RuntimeCommand] {
        let folders = folders(paths: paths, environment: environment, executablePath: executablePath)
        return commands(for: scan(folders: folders), runner: runner, executablePath: executablePath)
    }

    /// The commands for a discovery result.
    public static func commands(
        for discovery: PluginDiscovery, runner: ScriptRunnerSlot, executablePath: String?
    ) -> [any RuntimeCommand] {
        discovery.plugins.map { plugin -> any RuntimeCommand in
            switch plugin.kind {
            case .script: ScriptPlugin(descriptor: plugin, runner: runner)
            case .external: ExternalPlugin(descriptor: plugin, executablePath: executablePath)
            }
        }
    }
}
