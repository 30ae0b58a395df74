import Backends
import Foundation
import R2SCore
import R2STestSupport
import Testing

/// The `profile` commands live in the shell core, but what they print of a profile (derived
/// endpoint, defaults, validation) comes from the stores' parsers, as the executable wires them.
@Suite struct ProfileCommandTests {
    static let secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
    static let roleKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.service-role"
    static let dbPassword = "pg-Pa55w0rd-xyz"

    /// A shell whose session runs on `profile`, with config files under `box`.
    func shell(_ box: ConfigSandbox, profile: Profile) -> (Interpreter, BufferConsole, Session) {
        ProfileDescriptions.install(BackendProfileDescriber())
        let console = BufferConsole()
        let registry = CommandRegistry(modules: [CoreModule()])
        let session = Session(profile: profile, environment: [:], paths: box.paths, language: .en)
        let context = ShellContext(console: console, session: session, registry: registry)
        return (Interpreter(dispatcher: Dispatcher(registry: registry), context: context), console, session)
    }

    var secretProfile: Profile {
        Profile(
            name: "prod",
            values: [
                "R2_ACCOUNT_ID": "abc123", "R2_ACCESS_KEY_ID": "AKIDEXAMPLE", "R2_SECRET_ACCESS_KEY": Self.secret,
                "R2_BUCKET": "media", "SUPABASE_URL": "https://p.supabase.co", "SUPABASE_SERVICE_ROLE_KEY": Self.roleKey,
                "DATABASE_URL": "postgres://app:\(Self.dbPassword)@db.example.com:5432/postgres",
            ],
            origins: ["R2_SECRET_ACCESS_KEY": "config", "R2_BUCKET": ".env", "DATABASE_URL": "env"])
    }

    @Test("profile show never prints a secret, in any format", arguments: ["", " --json", " --csv"])
    func showMasksSecrets(_ flags: String) async throws {
        let box = try ConfigSandbox()
        let (interpreter, console, _) = shell(box, profile: secretProfile)
        let status = await interpreter.run(source: "profile show" + flags, origin: "test")
        #expect(status == .ok)
        let everything = console.output + console.errorOutput
        for secret in [Self.secret, Self.roleKey, Self.dbPassword] {
            #expect(!everything.contains(secret))
        }
        #expect(everything.contains("****EKEY"))  // last 4 characters of a long secret
        #expect(everything.contains("postgres://app:****@db.example.com:5432/postgres"))
        #expect(everything.contains("AKIDEXAMPLE"))  // the key id is not a secret
        #expect(everything.contains("https://abc123.r2.cloudflarestorage.com"))
    }

    @Test("profile show lists each value's origin")
    func showOrigins() async throws {
        let box = try ConfigSandbox()
        let (interpreter, console, _) = shell(box, profile: secretProfile)
        _ = await interpreter.run(source: "profile show --csv", origin: "test")
        let lines = console.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "profile,setting,value,origin")
        #expect(lines.contains("prod,R2_BUCKET,media,.env"))
        #expect(lines.contains("prod,R2_ENDPOINT,https://abc123.r2.cloudflarestorage.com,derived"))
        #expect(lines.contains("prod,R2_REGION,auto,default"))
        #expect(lines.contains("prod,R2S_CATALOG,postgres,default"))
        #expect(lines.contains("prod,R2_SECRET_ACCESS_KEY,****EKEY,config"))
    }

    @Test("profile show NAME reads the config file, masked; an invalid value fails with exit 3")
    func showNamed() async throws {
        let box = try ConfigSandbox()
        try box.writeConfig("""
            [profile staging]
            R2_BUCKET = staging-media
            R2_SECRET_ACCESS_KEY = \(Self.secret)
            R2S_ACTOR = not-a-uuid
            """)
        let (interpreter, console, _) = shell(box, profile: Profile(name: "local"))
        let status = await interpreter.run(source: "profile show staging", origin: "test")
        #expect(status == .config)
        #expect(console.output.contains("staging-media"))
        #expect(!console.output.contains(Self.secret) && !console.errorOutput.contains(Self.secret))
        #expect(console.errorOutput.contains("error: R2S_ACTOR (config) is not a uuid"))
    }

    @Test("profile use switches the session; ls marks the active profile; unknown names exit 3")
    func useAndList() async throws {
        let box = try ConfigSandbox()
        try box.writeConfig("[profile staging]\nR2_BUCKET = staging-media\n[profile prod-eu]\nR2_BUCKET = p\n")
        let (interpreter, console, session) = shell(box, profile: Profile(name: "local"))
        #expect(await interpreter.run(source: "profile use staging", origin: "test") == .ok)
        #expect(session.profile.name == "staging")
        #expect(session.profile["R2_BUCKET"] == "staging-media")
        #expect(console.errorOutput.contains("now using profile staging"))

        console.reset()
        #expect(await interpreter.run(source: "profile ls --json", origin: "test") == .ok)
        #expect(console.output.contains(#"{"name":"staging","active":true,"source":"config","bucket":"staging-media","catalog":"sqlite"}"#))
        #expect(console.output.contains(#"{"name":"local","active":false,"source":"embedded""#))

        console.reset()
        #expect(await interpreter.run(source: "profile use prod-eu", origin: "test") == .ok)
        #expect(console.errorOutput.contains("looks like production"))

        console.reset()
        #expect(await interpreter.run(source: "profile use nope", origin: "test") == .config)
        #expect(console.errorOutput.contains("error: unknown profile 'nope'"))
        #expect(console.errorOutput.contains("hint: available profiles: staging, prod-eu, local"))
        #expect(session.profile.name == "prod-eu")
    }

    @Test("profile names complete after show and use")
    func completion() async throws {
        let box = try ConfigSandbox()
        try box.writeConfig("[profile staging]\nR2_BUCKET = s\n[profile prod]\nR2_BUCKET = p\n")
        let (interpreter, _, _) = shell(box, profile: Profile(name: "local"))
        let completer = Completer(registry: interpreter.context.registry, workingDirectory: box.workingDirectory)
        let r = await completer.complete("profile use ", in: interpreter.context, variables: [])
        #expect(r.candidates == ["local", "prod", "staging"])
        #expect(await completer.complete("profile show st", in: interpreter.context, variables: []).candidates == ["staging"])
    }
}
