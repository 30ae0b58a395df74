import Foundation
public import R2SCore

/// A private XDG config dir + working directory for one test.
public final class ConfigSandbox {
    public let root: String
    public let paths: Paths
    public var workingDirectory: String { root + "/work" }

    public init() throws {
        root = NSTemporaryDirectory() + "r2s-config-\(UUID().uuidString)"
        paths = Paths(config: root + "/config/r2s", state: root + "/state/r2s", data: root + "/data/r2s")
        try FileManager.default.createDirectory(atPath: paths.config, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: workingDirectory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    public func writeConfig(_ text: String, mode: Int = 0o600) throws {
        let path = ProfileLoader.configPath(paths)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    public func writeDotEnv(_ text: String) throws {
        try text.write(toFile: workingDirectory + "/.env", atomically: false, encoding: .utf8)
    }

    public func resolve(_ name: String? = nil, env: [String: String] = [:]) throws -> ProfileLoader.Resolution {
        try ProfileLoader.resolve(name: name, environment: env, workingDirectory: workingDirectory, paths: paths)
    }
}
