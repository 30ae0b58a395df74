import R2SCore
import Testing

/// The one secret rule (issue 12.4): names, values, masking, plugin stripping and scrubbing.
@Suite struct SecretRuleTests {
    @Test("secret names by pattern", arguments: [
        "DB_PASS", "GITHUB_PAT", "MY_APIKEY", "SECRET_FOO", "DBPW", "DB_PW", "PGPWD", "MY_API_KEY", "SSH_PRIVATE_KEY",
        "github_token", "R2_SECRET_ACCESS_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_ANON_KEY", "PGPASSWORD",
        "AWS_SESSION_TOKEN", "MY_PASSWORD", "GCP_CREDENTIALS",
    ])
    func secretNames(_ name: String) {
        #expect(SecretRule.isSecretName(name))
    }

    @Test("ordinary names", arguments: ["R2_ACCESS_KEY_ID", "R2_BUCKET", "DATABASE_URL", "PWD", "OLDPWD", "HOME", "PATH", "R2S_TABLE"])
    func ordinaryNames(_ name: String) {
        #expect(!SecretRule.isSecretName(name))
    }

    @Test("URL passwords and password= parameters are secret values whatever the name")
    func values() {
        #expect(SecretRule.secretValues(name: "DATABASE_URL", value: "postgres://u:p%40ss@h/db") == ["p%40ss", "p@ss"])
        #expect(SecretRule.secretValues(name: "X", value: "postgres://u@h/db?sslmode=require&password=qpw1") == ["qpw1"])
        #expect(SecretRule.secretValues(name: "X", value: "host=h password=cpw2 user=u") == ["cpw2"])
        #expect(SecretRule.secretValues(name: "X", value: "https://cdn.example.com/a@b.png").isEmpty)
        #expect(SecretRule.secretValues(name: "DB_PASS", value: "whole") == ["whole"])
    }

    @Test("masking for display")
    func masking() {
        #expect(SecretRule.masked(name: "DATABASE_URL", value: "postgres://app:pw@h/db?password=x&sslmode=require")
            == "postgres://app:****@h/db?password=****&sslmode=require")
        #expect(SecretRule.masked(name: "DB_PASS", value: "short") == "****")
        #expect(SecretRule.masked(name: "R2_BUCKET", value: "media") == "media")
    }

    @Test("stripping for untrusted plugins")
    func stripping() {
        #expect(SecretRule.withoutSecrets(name: "DB_PASS", value: "x") == nil)
        #expect(SecretRule.withoutSecrets(name: "DATABASE_URL", value: "postgres://u:p@h/db?password=x&sslmode=require")
            == "postgres://u@h/db?sslmode=require")
        #expect(SecretRule.withoutSecrets(name: "DATABASE_URL", value: "postgres://u@h/db?sslmode=require&password=x")
            == "postgres://u@h/db?sslmode=require")
    }

    @Test("scrubbing: known values, URL passwords, non-postgres userinfo")
    func scrubbing() {
        let text = #"invalid IPv6 host address in URI: "postgres://postgres:hunter2pw@[::1:5/postgres""#
        #expect(SecretRule.scrub(text, known: []) == #"invalid IPv6 host address in URI: "postgres://postgres:****@[::1:5/postgres""#)
        #expect(SecretRule.scrub(#"invalid percent-encoded token: "hunt%zz""#, known: ["hunt%zz"])
            == #"invalid percent-encoded token: "****""#)
        #expect(SecretRule.scrub("cannot reach http://user:pw@127.0.0.1:1/rest/v1", known: [])
            == "cannot reach http://****@127.0.0.1:1/rest/v1")
        #expect(SecretRule.scrub("cannot reach https://tok3n@host/x", known: []) == "cannot reach https://****@host/x")
        #expect(SecretRule.scrub("short abc stays", known: ["abc"]) == "short abc stays")
        #expect(SecretRule.scrub("flag true stays", known: ["true", "TRUE"]) == "flag true stays")
    }

    @Test("a value once secret stays secret in the session, whatever it is copied into")
    func sessionSecrets() {
        let secrets = SessionSecrets()
        secrets.remember(name: "DBPW", value: "hunter2")
        secrets.remember(name: "PLAIN", value: "ordinary")
        #expect(secrets.appear(in: "set X hunter2"))
        #expect(!secrets.appear(in: "set X ordinary"))
        #expect(secrets.scrub("x=hunter2") == "x=****")
    }
}
