import R2SCore
import Repl
import Testing

@Suite struct HistoryPolicyTests {
    let profile = Profile(
        name: "prod",
        values: [
            "R2_SECRET_ACCESS_KEY": "s3cr3tValue-0123456789",
            "R2_BUCKET": "media",
            "DATABASE_URL": "postgres://app:pgpassw0rd@db.example.com:5432/postgres",
        ])

    func allows(_ line: String, environment: [String: String] = [:]) -> Bool {
        HistoryPolicy.allows(line, profile: profile, environment: environment)
    }

    @Test("ordinary lines are remembered")
    func ordinary() {
        #expect(allows("help"))
        #expect(allows("ls photos/ --json"))
        #expect(allows("set BUCKET media; echo $BUCKET"))
        #expect(allows("rm --key photos/a.jpg"))
        #expect(allows("set R2_ACCESS_KEY_ID abc"))  // the key id is not a secret
        #expect(allows("echo https://cdn.example.com/a@b.png"))
    }

    @Test("setting a secret-looking variable is never remembered", arguments: [
        "set R2_SECRET_ACCESS_KEY abc",
        "  set SUPABASE_SERVICE_ROLE_KEY 'eyJhbGciOi'",
        "echo hi; set MY_PASSWORD x",
        "set github_token x",
        "set API_KEY x",
        "if true\nset DB_PASSWORD x\nend",
    ])
    func setSecret(_ line: String) {
        #expect(!allows(line))
    }

    @Test("secret-ish flags, NAME=value words and URL passwords are never remembered", arguments: [
        "login --secret-key abc",
        "login --password=hunter2",
        "cmd --token abc",
        "cmd --api-key abc",
        "run R2_SECRET_ACCESS_KEY=abc",
        "catalog connect postgres://u:pw@host/db",
        "echo \"postgres://u:pw@host/db\"",
    ])
    func secretShapes(_ line: String) {
        #expect(!allows(line))
    }

    @Test("a line containing the active profile's secret values is never remembered")
    func profileSecretValues() {
        #expect(!allows("echo s3cr3tValue-0123456789"))
        #expect(!allows("echo xx'pgpassw0rd'yy"))
        #expect(!allows("echo TOPSECRETVALUE", environment: ["AWS_SECRET_ACCESS_KEY": "TOPSECRETVALUE"]))
        // Short secret values cannot block ordinary words.
        #expect(HistoryPolicy.allows("ls abc", profile: Profile(name: "x", values: ["R2_SECRET_ACCESS_KEY": "abc"]),
                                     environment: [:]))
    }
}
