import Foundation
import Testing

/// No secret in any output (issue 12.1–12.4), checked on the real executable with a clean
/// environment: libpq's parse errors, `doctor` (+ `--json`), `profile show`, userinfo in
/// SUPABASE_URL / R2_ENDPOINT, and what an untrusted plugin's environment receives.
@Suite(.enabled(if: R2SBinary.path != nil, "the r2s executable is built with the tests")) struct SecretLeakTests {
    /// Runs r2s with `settings` on top of a clean environment and returns stdout + stderr.
    private func run(_ arguments: [String], _ settings: [String: String], home: TempDir) throws -> (text: String, status: Int32) {
        let r = try R2SBinary.run(arguments, environment: R2SBinary.environment(home: home.path, extra: settings))
        #expect(!r.signaled)
        return (r.out + r.err, r.status)
    }

    private func expectNoLeak(_ text: String, _ secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "'\(secret)' leaked in: \(text)", sourceLocation: sourceLocation)
        }
    }

    static let badURLs: [(url: String, secrets: [String])] = [
        // libpq: `invalid IPv6 host address in URI: "postgres://postgres:hunter2pw@[::1:5/postgres"`
        ("postgres://postgres:hunter2pw@[::1:5/postgres", ["hunter2pw"]),
        // libpq: `invalid percent-encoded token: "hunt%zzer2pw"`
        ("postgres://postgres:hunt%zzer2pw@127.0.0.1:1/postgres", ["hunt%zzer2pw", "zzer2pw"]),
        // Unreachable but well-formed: the connect error names host and user only.
        ("postgres://postgres:reach3rpw@127.0.0.1:1/postgres", ["reach3rpw"]),
        // The password as a query parameter.
        ("postgres://postgres@127.0.0.1:1/postgres?password=qu3rypw99&sslmode=disable", ["qu3rypw99"]),
    ]

    @Test("a bad or unreachable DATABASE_URL never shows its password", arguments: 0..<badURLs.count)
    func databaseURL(_ index: Int) throws {
        let (url, secrets) = Self.badURLs[index]
        let home = TempDir()
        let settings = ["DATABASE_URL": url]
        let count = try run(["-c", "records count"], settings, home: home)
        #expect(count.status == 3, "\(count.text)")
        #expect(count.text.contains("DATABASE_URL") || count.text.contains("postgres"), "\(count.text)")
        expectNoLeak(count.text, secrets)
        let doctor = try run(["-c", "doctor"], settings, home: home)
        expectNoLeak(doctor.text, secrets)
        let json = try run(["-c", "doctor --json"], settings, home: home)
        expectNoLeak(json.text, secrets)
        let show = try run(["-c", "profile show; profile show --json"], settings, home: home)
        expectNoLeak(show.text, secrets)
    }

    @Test("a bad %-escape in DATABASE_URL is refused by r2s with a hint, before libpq sees it")
    func badEscape() throws {
        let home = TempDir()
        let r = try run(["-c", "records count"], ["DATABASE_URL": "postgres://postgres:hunt%zzer2pw@127.0.0.1:1/postgres"], home: home)
        #expect(r.status == 3)
        #expect(r.text.contains("DATABASE_URL"))
        #expect(r.text.contains("%"), "\(r.text)")
        #expect(r.text.contains("hint:"))
        expectNoLeak(r.text, ["hunt", "zzer2pw"])
    }

    @Test("userinfo in SUPABASE_URL and R2_ENDPOINT is not echoed in errors")
    func userinfo() throws {
        let home = TempDir()
        let supabase = try run(
            ["-c", "records count"],
            ["SUPABASE_URL": "http://supauser:supapw123@127.0.0.1:1", "SUPABASE_SERVICE_ROLE_KEY": "sb_secret_k3yk3yk3y"],
            home: home)
        #expect(supabase.status == 3, "\(supabase.text)")
        expectNoLeak(supabase.text, ["supapw123", "sb_secret_k3yk3yk3y"])
        let endpoint = ["R2_ENDPOINT": "http://r2user:endpw123@127.0.0.1:1", "R2_BUCKET": "b",
                        "R2_ACCESS_KEY_ID": "AKID", "R2_SECRET_ACCESS_KEY": "r2secretvalue1"]
        let ls = try run(["-c", "ls"], endpoint, home: home)
        expectNoLeak(ls.text, ["endpw123", "r2secretvalue1"])
        var invalid = endpoint
        invalid["R2_ENDPOINT"] = "http://r2user:endpw123@[::1"
        let bad = try run(["-c", "ls"], invalid, home: home)
        #expect(bad.status == 3, "\(bad.text)")
        expectNoLeak(bad.text, ["endpw123"])
        let doctor = try run(["-c", "doctor --json"], invalid, home: home)
        expectNoLeak(doctor.text, ["endpw123", "r2secretvalue1"])
    }

    @Test("profile show masks ?password= in DATABASE_URL")
    func queryPasswordMasked() throws {
        let home = TempDir()
        let url = "postgres://app@db.example.com:5432/postgres?sslmode=require&password=qu3rypw99"
        let r = try run(["-c", "profile show; profile show --json"], ["DATABASE_URL": url], home: home)
        #expect(r.status == 0)
        #expect(r.text.contains("db.example.com"))
        #expect(r.text.contains("password=****"), "\(r.text)")
        expectNoLeak(r.text, ["qu3rypw99"])
    }

    @Test("untrusted plugins get no secret: name patterns, ?password=, and values that were secrets")
    func untrustedPluginEnvironment() throws {
        let home = TempDir()
        let dir = home.dir("p")
        home.file("p/r2s-envdump", "#!/bin/sh\nenv > '\(home.path)/env'\n", executable: true)
        let secrets = [
            "DB_PASS": "dbpass111", "GITHUB_PAT": "ghpat2222", "MY_APIKEY": "apikey333", "SECRET_FOO": "secfoo444",
            "DBPW": "dbpw55555", "SSH_PRIVATE_KEY": "privkey66", "MY_API_KEY": "apikey777", "PGPWD": "pgpwd8888",
        ]
        var settings = secrets
        settings["R2S_PLUGIN_PATH"] = dir
        settings["DATABASE_URL"] = "postgres://app@db.example.com/postgres?sslmode=require&password=qu3rypw99"
        settings["HARMLESS"] = "visible-value"
        // A secret value copied into a harmless-looking setting is still a secret.
        let r = try run(["-c", "set R2S_NOTE dbpass111; envdump"], settings, home: home)
        #expect(r.status == 0, "\(r.text)")
        let env = try #require(home.read("env"))
        expectNoLeak(env, Array(secrets.values) + ["qu3rypw99"])
        #expect(env.contains("HARMLESS=visible-value"))
        #expect(env.contains("DATABASE_URL=postgres://app@db.example.com/postgres?sslmode=require"), "\(env)")

        // Trusted, the same plugin sees them.
        settings["R2S_TRUSTED_PLUGINS"] = "envdump"
        _ = try run(["-c", "envdump"], settings, home: home)
        let trusted = try #require(home.read("env"))
        #expect(trusted.contains("DB_PASS=dbpass111"))
        #expect(trusted.contains("password=qu3rypw99"))
    }
}
