import Foundation
import R2SCore
import R2STestSupport
import Testing

@Suite struct DotEnvTests {
    @Test("KEY=VALUE with export, quotes, comments, escapes and multi-line values")
    func syntax() {
        let text = """
            # a web app's .env
            export R2_BUCKET=media   # inline comment
            R2_PUBLIC_URL = "https://cdn.example.com/a#b"
            SINGLE='literal $X \\n'
            DOUBLE="line1\\nline2 \\"q\\""
            EMPTY=
            MULTI="first
            second"
            HASH=abc#def\r
            not a line
            1BAD=x
            R2_REGION=auto
            """
        let (values, problems) = DotEnv.parse(text)
        #expect(values["R2_BUCKET"] == "media")
        #expect(values["R2_PUBLIC_URL"] == "https://cdn.example.com/a#b")
        #expect(values["SINGLE"] == "literal $X \\n")
        #expect(values["DOUBLE"] == "line1\nline2 \"q\"")
        #expect(values["EMPTY"] == "")
        #expect(values["MULTI"] == "first\nsecond")
        #expect(values["HASH"] == "abc#def")
        #expect(values["R2_REGION"] == "auto")
        #expect(problems.map(\.line) == [10, 11])
    }

    /// Found by the dotenv fuzzer (Tests/Fuzz/dotenv): a value starting with a combining mark
    /// fused with the opening quote into one Character, so the quote was not seen.
    @Test("a quoted value may start or end with a combining mark")
    func combiningMarksInsideQuotes() {
        let (values, problems) = DotEnv.parse("A='\u{301}x'\nB=\"\u{301}y\"\nC='z\u{301}'\n")
        #expect(problems.isEmpty, "\(problems)")
        #expect(values == ["A": "\u{301}x", "B": "\u{301}y", "C": "z\u{301}"])
    }

    @Test("an unterminated quote is reported, not fatal")
    func unterminated() {
        let (values, problems) = DotEnv.parse("A='x\nB=2\nC=\"open")
        #expect(values["B"] == "2")
        #expect(problems.map(\.line) == [1, 3])
    }
}

@Suite struct ConfigFileTests {
    @Test("sections, current, quotes and comments")
    func parse() throws {
        let file = try ConfigFile.parse("""
            # comment
            current = staging
            ; another comment

            [profile staging]
            R2_BUCKET = media-staging
            R2_SECRET_ACCESS_KEY = "with # hash"

            [profile prod-eu]
            R2_JURISDICTION=eu
            R2_BUCKT = typo
            """, path: "cfg")
        #expect(file.current == "staging")
        #expect(file.sections.map(\.name) == ["staging", "prod-eu"])
        #expect(file.section("staging")?.values["R2_SECRET_ACCESS_KEY"] == "with # hash")
        #expect(file.section("prod-eu")?.values["R2_JURISDICTION"] == "eu")
        #expect(file.warnings.map(\.en) == ["cfg:11: unknown setting R2_BUCKT (did you mean R2_BUCKET?)"])
    }

    @Test("malformed lines are errors that name file and line (exit 3)", arguments: [
        ("[profile staging]\njust words", "cfg:2:"),
        ("R2_BUCKET = x", "cfg:1:"),
        ("[staging]", "cfg:1:"),
        ("[profile bad name!]", "cfg:1:"),
        ("[profile x", "cfg:1:"),
    ])
    func errors(_ text: String, _ location: String) {
        do {
            _ = try ConfigFile.parse(text, path: "cfg")
            Issue.record("expected a syntax error for \(text)")
        } catch let error as ConfigError {
            #expect(error.code == .syntax)
            #expect(error.exitStatus == .config)
            #expect(error.userMessage.hasPrefix(location))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct ProfileLoaderTests {
    @Test("nothing configured: the embedded `local` profile")
    func local() throws {
        let box = try ConfigSandbox()
        let r = try box.resolve(env: ["R2S_TABLE": "files", "HOME": "/x"])
        #expect(r.profile.name == Profile.localName)
        #expect(r.profile.values.isEmpty)
        #expect(r.warnings.isEmpty)
    }

    @Test("environment and .env form the `env` profile; aliases map to the canonical names")
    func environmentProfile() throws {
        let box = try ConfigSandbox()
        try box.writeDotEnv("R2_BUCKET_NAME=from-dotenv\nSUPABASE_KEY=sk-dotenv-123\nOTHER_APP_SETTING=x\n")
        let r = try box.resolve(env: ["R2_ACCOUNT_ID": "abc123"])
        #expect(r.profile.name == "env")
        #expect(r.profile["R2_BUCKET"] == "from-dotenv")
        #expect(r.profile.origins["R2_BUCKET"] == ".env (R2_BUCKET_NAME)")
        #expect(r.profile["SUPABASE_SERVICE_ROLE_KEY"] == "sk-dotenv-123")
        #expect(r.profile["R2_ACCOUNT_ID"] == "abc123")
        #expect(r.profile.origins["R2_ACCOUNT_ID"] == "env")
        #expect(r.profile.values["OTHER_APP_SETTING"] == nil)
    }

    @Test("the canonical name wins over its alias in the same source")
    func aliasOrder() throws {
        let box = try ConfigSandbox()
        let r = try box.resolve(env: ["R2_BUCKET_NAME": "alias", "R2_BUCKET": "canonical"])
        #expect(r.profile["R2_BUCKET"] == "canonical")
        #expect(r.profile.origins["R2_BUCKET"] == "env")
    }

    @Test("precedence: a named profile takes nothing from .env; the environment overrides it, each variable reported")
    func precedence() throws {
        let box = try ConfigSandbox()
        try box.writeConfig("""
            [profile prod]
            R2_BUCKET = from-config
            R2_REGION = from-config
            R2_PUBLIC_URL = https://cdn.example.com
            """)
        try box.writeDotEnv("R2_BUCKET=from-dotenv\nR2_REGION=from-dotenv\nDATABASE_URL=postgres://app@dotenv-host/db\n")
        let r = try box.resolve("prod", env: ["R2_BUCKET": "from-env", "R2S_TABLE": "files"])
        #expect(r.profile.name == "prod")
        #expect(r.profile.chosenBy == "--profile")
        #expect(r.profile["R2_BUCKET"] == "from-env")
        #expect(r.profile.origins["R2_BUCKET"] == "env")
        #expect(r.profile["R2_REGION"] == "from-config")
        #expect(r.profile.origins["R2_REGION"] == "config")
        #expect(r.profile["DATABASE_URL"] == nil)
        #expect(r.profile["R2_PUBLIC_URL"] == "https://cdn.example.com")
        #expect(r.profile["R2S_TABLE"] == "files")
        let warnings = r.warnings.map(\.en)
        #expect(warnings.contains("R2_BUCKET from the environment overrides profile 'prod'"))
        #expect(warnings.contains("R2S_TABLE from the environment is added to profile 'prod'"))
        #expect(warnings.filter { $0.contains(".env ignored") }.count == 1)
        #expect(!warnings.contains { $0.contains("R2_REGION") })
    }

    @Test("every way of naming a profile ignores .env: --profile, R2S_PROFILE and current =", arguments: ["flag", "env", "current"])
    func namedProfileIgnoresDotEnv(route: String) throws {
        let box = try ConfigSandbox()
        try box.writeConfig((route == "current" ? "current = prod-big\n" : "") + "[profile prod-big]\nR2_BUCKET = big\nSUPABASE_URL = https://abcd.supabase.co\n")
        try box.writeDotEnv("R2_BUCKET=app-bucket\nDATABASE_URL=postgres://app@db.example.com/postgres\n")
        let r = try box.resolve(route == "flag" ? "prod-big" : nil, env: route == "env" ? ["R2S_PROFILE": "prod-big"] : [:])
        #expect(r.profile.name == "prod-big")
        #expect(r.profile["R2_BUCKET"] == "big")
        #expect(r.profile["DATABASE_URL"] == nil)
        #expect(r.profile["SUPABASE_URL"] == "https://abcd.supabase.co")
        let ignored = r.warnings.map(\.en).filter { $0.contains(".env ignored") }
        #expect(ignored.count == 1)
        #expect(ignored.first?.contains(route == "flag" ? "--profile" : route == "env" ? "R2S_PROFILE" : "current = prod-big") == true)
    }

    @Test("R2S_PROFILE in a .env selects nothing; without any configuration `local` is a fallback")
    func profileVariableOnlyFromEnvironment() throws {
        let box = try ConfigSandbox()
        try box.writeConfig("[profile prod]\nR2_BUCKET = p\n")
        try box.writeDotEnv("R2S_PROFILE=prod\n")
        let r = try box.resolve()
        #expect(r.profile.name == "local")
        #expect(r.profile.isFallback)
        #expect(try box.resolve("local").profile.isFallback == false)
        #expect(r.warnings.allSatisfy { !$0.en.contains(".env ignored") })
    }

    @Test("profile selection: --profile > R2S_PROFILE > current =")
    func selection() throws {
        let box = try ConfigSandbox()
        try box.writeConfig("current = a\n[profile a]\nR2_BUCKET=a\n[profile b]\nR2_BUCKET=b\n[profile c]\nR2_BUCKET=c\n")
        #expect(try box.resolve().profile.name == "a")
        #expect(try box.resolve(env: ["R2S_PROFILE": "b"]).profile.name == "b")
        #expect(try box.resolve("c", env: ["R2S_PROFILE": "b"]).profile["R2_BUCKET"] == "c")
    }

    @Test("`local` stays local even when the environment configures a bucket")
    func explicitLocal() throws {
        let box = try ConfigSandbox()
        let actor = "123e4567-e89b-12d3-a456-426614174000"
        let r = try box.resolve("local", env: ["R2_BUCKET": "prod-bucket", "R2S_ACTOR": actor])
        #expect(r.profile.name == "local")
        #expect(r.profile["R2_BUCKET"] == nil)
        #expect(r.profile["R2S_ACTOR"] == actor)
    }

    @Test("an unknown profile is a configuration error (exit 3) whose hint lists the names")
    func unknown() throws {
        let box = try ConfigSandbox()
        try box.writeConfig("[profile staging]\nR2_BUCKET=s\n[profile prod]\nR2_BUCKET=p\n")
        #expect(throws: ConfigError.self) { try box.resolve("nope") }
        do {
            _ = try box.resolve("nope")
        } catch let error as ConfigError {
            #expect(error.code == .unknownProfile)
            #expect(error.exitStatus == .config)
            #expect(error.userMessage == "unknown profile 'nope'")
            #expect(error.hint?.contains("staging, prod, local") == true)
        }
    }

    @Test("a config file readable by others is warned about; 0600 is not")
    func permissions() throws {
        let box = try ConfigSandbox()
        try box.writeConfig("[profile a]\nR2_BUCKET=a\n", mode: 0o644)
        #expect(try box.resolve("a").warnings.contains { $0.en.contains("readable by other users (mode 644)") })
        try box.writeConfig("[profile a]\nR2_BUCKET=a\n", mode: 0o600)
        #expect(try box.resolve("a").warnings.isEmpty)
    }

    @Test("`available` lists config profiles, env when configured, and local")
    func available() throws {
        let box = try ConfigSandbox()
        try box.writeConfig("[profile staging]\nR2_BUCKET=s\n")
        let names = try ProfileLoader.available(environment: ["DATABASE_URL": "postgres://x@h/db"],
                                                workingDirectory: box.workingDirectory, paths: box.paths)
        #expect(names.map(\.name) == ["staging", "env", "local"])
        #expect(names.map(\.source) == ["config", "environment", "embedded"])
    }
}
