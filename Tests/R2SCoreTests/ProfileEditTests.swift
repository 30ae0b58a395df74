import Foundation
import R2SCore
import R2STestSupport
import Testing

/// `profile add`, `profile rm` and `profile use --save`: the config file edited in place.
@Suite struct ProfileEditTests {
    static let secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"

    func shell(_ box: ConfigSandbox, lines: [String] = [], interactive: Bool = true) -> (Interpreter, BufferConsole) {
        let console = BufferConsole(isInteractive: interactive, lines: lines)
        let registry = CommandRegistry(modules: [CoreModule()])
        let session = Session(profile: Profile(name: Profile.localName), environment: [:], paths: box.paths, language: .en)
        let context = ShellContext(console: console, session: session, registry: registry)
        return (Interpreter(dispatcher: Dispatcher(registry: registry), context: context), console)
    }

    var path: (ConfigSandbox) -> String { { ProfileLoader.configPath($0.paths) } }

    func read(_ box: ConfigSandbox) -> String { (try? String(contentsOfFile: path(box), encoding: .utf8)) ?? "" }

    func mode(_ box: ConfigSandbox) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path(box))[.posixPermissions] as? Int) ?? -1
    }

    @Test("profile add asks for each setting, writes the section 0600, never echoes a secret; the profile then loads")
    func add() async throws {
        let box = try ConfigSandbox()
        try box.writeConfig("# mine\n[profile prod]\nR2_BUCKET = media\n", mode: 0o644)
        let answers = ["0123456789abcdef0123456789abcdef", "AKIDSTAGING", Self.secret, "media-staging", "", "", "", ""]
        let (shell, console) = self.shell(box, lines: answers)
        let status = await shell.run(source: "profile add staging", origin: "test")
        #expect(status == .ok, "\(console.errorOutput)")
        #expect(console.errorOutput.contains("R2_SECRET_ACCESS_KEY (hidden): "))
        #expect(!(console.output + console.errorOutput).contains(Self.secret), "a secret is never printed")
        #expect(try mode(box) == 0o600)
        let text = read(box)
        #expect(text.hasPrefix("# mine\n[profile prod]\nR2_BUCKET = media\n\n[profile staging]\n"), "\(text)")
        #expect(text.contains("R2_SECRET_ACCESS_KEY = \(Self.secret)\n") && !text.contains("R2_PUBLIC_URL"))
        let loaded = try box.resolve("staging").profile
        #expect(loaded.values["R2_BUCKET"] == "media-staging" && loaded.values["R2_SECRET_ACCESS_KEY"] == Self.secret)

        let again = await self.shell(box, lines: answers).0.run(source: "profile add staging", origin: "test")
        #expect(again == .refused, "an existing profile is never overwritten")
    }

    @Test("profile add without a terminal is a usage error and writes nothing; bad names are refused")
    func addRefusals() async throws {
        let box = try ConfigSandbox()
        let (shell, console) = self.shell(box, interactive: false)
        #expect(await shell.run(source: "profile add staging", origin: "test") == .usage)
        #expect(console.errorOutput.contains("asks for the settings on a terminal"), "\(console.errorOutput)")
        #expect(!FileManager.default.fileExists(atPath: path(box)))
        for bad in ["local", "env", "'a b'", "'x]'"] {
            #expect(await self.shell(box).0.run(source: "profile add \(bad)", origin: "test") == .usage, "\(bad)")
        }
    }

    @Test("profile use --save writes current = NAME (kept comments), use alone does not; profile rm removes the section and its current")
    func saveAndRemove() async throws {
        let box = try ConfigSandbox()
        try box.writeConfig("# keep me\n[profile a]\nR2_BUCKET = one\n\n[profile b]\nR2_BUCKET = two\n")
        #expect(await shell(box).0.run(source: "profile use a", origin: "test") == .ok)
        #expect(!read(box).contains("current"))
        #expect(await shell(box).0.run(source: "profile use b --save", origin: "test") == .ok)
        #expect(read(box) == "current = b\n# keep me\n[profile a]\nR2_BUCKET = one\n\n[profile b]\nR2_BUCKET = two\n", "\(read(box))")
        #expect(try mode(box) == 0o600)
        #expect(try box.resolve().profile.name == "b")
        #expect(await shell(box).0.run(source: "profile use a --save", origin: "test") == .ok)
        #expect(read(box).hasPrefix("current = a\n# keep me\n"))

        #expect(await shell(box).0.run(source: "profile rm b", origin: "test") == .ok)
        #expect(read(box) == "current = a\n# keep me\n[profile a]\nR2_BUCKET = one\n", "\(read(box))")
        #expect(await shell(box).0.run(source: "profile rm a", origin: "test") == .ok)
        #expect(read(box) == "# keep me\n", "current named the removed profile: \(read(box))")
        let (shell, console) = self.shell(box)
        #expect(await shell.run(source: "profile rm nope", origin: "test") == .failure)
        #expect(console.errorOutput.contains("no profile nope in"))
        #expect(await self.shell(box).0.run(source: "profile use nope --save", origin: "test") == .config)
    }
}
