import BackendSupport
import Foundation
import R2SCore
import R2STestSupport
import Services
import StorageModule
import Testing

/// `trash init` records `R2S_TRASH` in the profile's section of the config file (issue 20), with
/// the same line-based editing `profile add`/`profile use --save` use.
@Suite struct TrashInitSaveTests {
    static let original = """
        # my r2s profiles
        current = prod

        [profile prod]
        R2_ENDPOINT = http://127.0.0.1:9
        R2_BUCKET = media
        # the public domain
        R2_PUBLIC_URL = https://files.example.com

        [profile other]
        R2_ENDPOINT = http://127.0.0.1:9
        R2_BUCKET = other

        """

    private func shell(_ f: StorageFixture, _ profile: Profile, _ paths: Paths) -> TestShell {
        let services = TrashedServices(store: f.store, catalogStore: f.catalog, mapping: f.mapping, trashValue: nil)
        return TestShell(modules: [StorageModule(services: services)], paths: paths, profile: profile)
    }

    private func paths(_ f: StorageFixture) -> Paths {
        Paths(config: f.dir.appendingPathComponent("config").path, state: f.dir.appendingPathComponent("state").path, data: f.dir.path)
    }

    /// Writes `original` as the config file of `paths` and returns its path.
    private func writeOriginal(_ paths: Paths) throws -> String {
        let file = ProfileLoader.configPath(paths)
        try FileManager.default.createDirectory(atPath: paths.config, withIntermediateDirectories: true)
        try Self.original.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    private func load(_ name: String, _ paths: Paths, _ f: StorageFixture) throws -> Profile {
        try ProfileLoader.resolve(name: name, environment: [:], workingDirectory: f.dir.path, paths: paths).profile
    }

    @Test func theTrashIsRecordedInTheProfileSection() async throws {
        guard let f = try await StorageFixture.make(.postgres) else { return }
        let paths = paths(f)
        let file = try writeOriginal(paths)
        chmod(file, 0o600)
        let sh = shell(f, try load("prod", paths, f), paths)
        let r = await sh.execute(["trash", "init"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(r.err.contains("R2S_TRASH = media-trash recorded in [profile prod]"), "\(r.err)")
        var text = try String(contentsOfFile: file, encoding: .utf8)
        // Inserted after the section's last setting; comments, order and the other profile kept.
        #expect(text == Self.original.replacingOccurrences(
            of: "https://files.example.com\n", with: "https://files.example.com\nR2S_TRASH = media-trash\n"))
        #expect(try load("prod", paths, f)["R2S_TRASH"] == "media-trash")
        #expect(try load("other", paths, f)["R2S_TRASH"] == nil)
        // The session uses it at once; a second init replaces the line instead of adding one.
        #expect(sh.interpreter.context.profile["R2S_TRASH"] == "media-trash")
        #expect(await sh.execute(["trash", "init", "media-bin"]).status == .ok)
        text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.components(separatedBy: "R2S_TRASH").count == 2, "\(text)")
        #expect(try load("prod", paths, f)["R2S_TRASH"] == "media-bin")
        // Still private: the file holds secrets.
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func theEnvironmentProfileGetsItForTheSessionAndTheLineToAdd() async throws {
        guard let f = try await StorageFixture.make(.postgres) else { return }
        let paths = paths(f)
        let file = try writeOriginal(paths)
        let profile = Profile(
            name: ProfileLoader.environmentName, values: ["R2_ENDPOINT": "http://127.0.0.1:9", "R2_BUCKET": "media"])
        let sh = shell(f, profile, paths)
        let r = await sh.execute(["trash", "init"])
        #expect(r.status == .ok, "\(r.err)")
        #expect(r.err.contains("add R2S_TRASH=media-trash to it (or to .env)"), "\(r.err)")
        #expect(sh.interpreter.context.profile["R2S_TRASH"] == "media-trash")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == Self.original)
    }
}
