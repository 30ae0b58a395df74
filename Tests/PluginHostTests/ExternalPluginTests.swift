import Foundation
@testable import PluginHost
import R2SCore
import Testing

/// External plugins, run in-process through the dispatcher. The test plugin is a shell script
/// that dumps its arguments and environment to files (a plugin cannot write to the captured
/// console: it inherits the real stdout). Serialized: one test checks the SIGINT disposition,
/// which is changed while any child runs.
@Suite(.serialized) struct ExternalPluginTests {
    /// Writes `r2s-dump` into `tmp/p`; it records `$@` and `env` in `tmp/args` / `tmp/env`,
    /// prints custom help for `--help`, and exits N for an argument `exit=N`.
    static func dumpPlugin(_ tmp: TempDir) -> String {
        tmp.file(
            "p/r2s-dump",
            """
            #!/bin/sh
            printf '%s\\n' "$@" > '\(tmp.path)/args'
            env > '\(tmp.path)/env'
            if [ "$1" = --help ]; then echo "custom help for dump"; exit 0; fi
            for a in "$@"; do case "$a" in exit=*) exit "${a#exit=}";; esac; done
            exit 0
            """, executable: true)
        return tmp.path + "/p"
    }

    static func env(_ tmp: TempDir) -> [String: String] {
        var out: [String: String] = [:]
        for line in (tmp.read("env") ?? "").split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            out[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return out
    }

    static let profile = Profile(
        name: "prod-eu",
        values: [
            "R2_BUCKET": "media", "R2_ACCESS_KEY_ID": "AKIDPUBLIC", "R2_SECRET_ACCESS_KEY": "s3cr3t-r2-value",
            "SUPABASE_SERVICE_ROLE_KEY": "service-role-secret", "SUPABASE_URL": "https://x.supabase.co",
            "DATABASE_URL": "postgres://admin:pg-password-9@db.example:5432/app",
        ])

    @Test("arguments pass verbatim and the exit status is the command's status")
    func argumentsAndStatus() async {
        let tmp = TempDir()
        let shell = PluginShell(pluginPath: [Self.dumpPlugin(tmp)], path: ["/usr/bin", "/bin"])
        let result = await shell.run("dump", "a b", "", "ção ✓", "--", "--json", "exit=3")
        #expect(result.status == ExitStatus(3))
        #expect(tmp.read("args") == "a b\n\nção ✓\n--\n--json\nexit=3\n")
        #expect(await shell.run("dump").status == .ok)
    }

    @Test("R2S_OUTPUT follows --json/--csv, -q sets R2S_QUIET, R2S_PROFILE names the profile")
    func outputEnvironment() async {
        let tmp = TempDir()
        let shell = PluginShell(pluginPath: [Self.dumpPlugin(tmp)], path: ["/usr/bin", "/bin"], profile: Self.profile)
        _ = await shell.run("dump")
        #expect(Self.env(tmp)["R2S_OUTPUT"] == "table")
        #expect(Self.env(tmp)["R2S_QUIET"] == nil)
        #expect(Self.env(tmp)["R2S_PROFILE"] == "prod-eu")
        _ = await shell.run("dump", "--json", "-q")
        #expect(Self.env(tmp)["R2S_OUTPUT"] == "json")
        #expect(Self.env(tmp)["R2S_QUIET"] == "1")
        #expect(tmp.read("args") == "\n")  // the global flags were consumed, not passed
        _ = await shell.run("dump", "--csv")
        #expect(Self.env(tmp)["R2S_OUTPUT"] == "csv")
    }

    @Test("an untrusted plugin gets the non-secret settings but no secret, from the profile or inherited")
    func untrustedGetsNoSecrets() async throws {
        let tmp = TempDir()
        let shell = PluginShell(
            pluginPath: [Self.dumpPlugin(tmp)], path: ["/usr/bin", "/bin"], profile: Self.profile,
            environment: ["AWS_SECRET_ACCESS_KEY": "inherited-secret", "GITHUB_TOKEN": "inherited-token", "LANG": "C"])
        #expect(await shell.run("dump").status == .ok)
        let env = Self.env(tmp)
        let raw = try #require(tmp.read("env"))
        for secret in ["s3cr3t-r2-value", "service-role-secret", "pg-password-9", "inherited-secret", "inherited-token"] {
            #expect(!raw.contains(secret), "secret \(secret) reached an untrusted plugin")
        }
        #expect(env["R2_BUCKET"] == "media")
        #expect(env["R2_ACCESS_KEY_ID"] == "AKIDPUBLIC")
        #expect(env["SUPABASE_URL"] == "https://x.supabase.co")
        #expect(env["DATABASE_URL"] == "postgres://admin@db.example:5432/app")
        #expect(env["LANG"] == "C")
        #expect(env["R2S_PLUGIN_TRUSTED"] == "0")
    }

    @Test("a plugin listed in R2S_TRUSTED_PLUGINS (profile or environment) gets the secrets")
    func trustedGetsSecrets() async {
        let tmp = TempDir()
        var profile = Self.profile
        profile.values["R2S_TRUSTED_PLUGINS"] = "other, r2s-dump"
        let shell = PluginShell(pluginPath: [Self.dumpPlugin(tmp)], path: ["/usr/bin", "/bin"], profile: profile)
        _ = await shell.run("dump")
        var env = Self.env(tmp)
        #expect(env["R2_SECRET_ACCESS_KEY"] == "s3cr3t-r2-value")
        #expect(env["SUPABASE_SERVICE_ROLE_KEY"] == "service-role-secret")
        #expect(env["DATABASE_URL"] == "postgres://admin:pg-password-9@db.example:5432/app")
        #expect(env["R2S_PLUGIN_TRUSTED"] == "1")

        let viaEnvironment = PluginShell(
            pluginPath: [tmp.path + "/p"], path: ["/usr/bin", "/bin"], profile: Self.profile,
            environment: ["R2S_TRUSTED_PLUGINS": "dump", "AWS_SECRET_ACCESS_KEY": "inherited-secret"])
        _ = await viaEnvironment.run("dump")
        env = Self.env(tmp)
        #expect(env["R2_SECRET_ACCESS_KEY"] == "s3cr3t-r2-value")
        #expect(env["AWS_SECRET_ACCESS_KEY"] == "inherited-secret")

        // A name that merely contains the plugin's name is no trust.
        var near = Self.profile
        near.values["R2S_TRUSTED_PLUGINS"] = "dumpster,du"
        _ = await PluginShell(pluginPath: [tmp.path + "/p"], path: ["/usr/bin", "/bin"], profile: near).run("dump")
        #expect(Self.env(tmp)["R2_SECRET_ACCESS_KEY"] == nil)
    }

    @Test("NAME --help and help NAME run r2s-NAME --help and show its output")
    func helpPassthrough() async {
        let tmp = TempDir()
        let shell = PluginShell(pluginPath: [Self.dumpPlugin(tmp)], path: ["/usr/bin", "/bin"])
        let flag = await shell.run("dump", "--help")
        #expect(flag.status == .ok)
        #expect(flag.out == "custom help for dump\n")
        #expect(tmp.read("args") == "--help\n")
        let help = await shell.run("help", "dump")
        #expect(help.out == "custom help for dump\n")
    }

    @Test("killed by a signal → 128 + N; an unrunnable file → error with a hint, status 1")
    func signalAndSpawnFailure() async {
        let tmp = TempDir()
        let dir = tmp.plugins([
            "r2s-term": "#!/bin/sh\nkill -TERM $$\nsleep 5\n",
            "r2s-broken": "#!/nonexistent/interpreter\n",
        ])
        let shell = PluginShell(pluginPath: [dir], path: ["/usr/bin", "/bin"])
        #expect(await shell.run("term").status == ExitStatus(128 + 15))
        let broken = await shell.run("broken")
        #expect(broken.status == .failure)
        #expect(broken.err.contains("cannot run plugin 'broken'"))
        #expect(broken.err.contains("No such file or directory"))
        #expect(broken.err.contains("hint: check the file's execute permission and its #! line"))
    }

    @Test(
        "Ctrl-C (the command's task cancelled) forwards SIGINT to the child and waits for it",
        .enabled(if: !ChildProcess.terminalDeliversInterrupt(), "r2s is a terminal's foreground job: the terminal delivers"))
    func cancellationForwardsInterrupt() async throws {
        let tmp = TempDir()
        let dir = tmp.interruptiblePlugin("slow", "echo started > \"\(tmp.path)/started\"\nwhile :; do sleep 0.05; done\n")
        let shell = PluginShell(pluginPath: [dir], path: ["/usr/bin", "/bin"])
        let task = Task { await shell.run("slow") }
        let deadline = ContinuousClock.now + .seconds(10)
        while tmp.read("started") == nil && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(tmp.read("started") != nil)
        task.cancel()
        let result = await task.value
        #expect(result.status == .interrupted)
        #expect(result.err.contains("interrupted"))
        #expect(tmp.read("got") == "got\n")  // the child got SIGINT and ran its trap before we returned
    }

    @Test("SIGINT's disposition is back to what it was after a plugin ran")
    func signalDispositionRestored() async {
        func current() -> Int {
            var action = sigaction()
            sigaction(SIGINT, nil, &action)
            return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        }
        let tmp = TempDir()
        let before = current()
        let shell = PluginShell(pluginPath: [Self.dumpPlugin(tmp)], path: ["/usr/bin", "/bin"])
        _ = await shell.run("dump")
        #expect(current() == before)
    }

    @Test("environment helpers: URL passwords are cut, other values kept")
    func urlPasswords() {
        #expect(PluginEnvironment.withoutURLPassword("postgres://u:p@h:5432/db") == "postgres://u@h:5432/db")
        #expect(PluginEnvironment.withoutURLPassword("postgres://u:p%40x@h/db?sslmode=require") == "postgres://u@h/db?sslmode=require")
        #expect(PluginEnvironment.withoutURLPassword("postgres://u@h/db") == "postgres://u@h/db")
        #expect(PluginEnvironment.withoutURLPassword("https://h/a:b@c") == "https://h/a:b@c")
        #expect(PluginEnvironment.withoutURLPassword("plain:value@x") == "plain:value@x")
    }
}
