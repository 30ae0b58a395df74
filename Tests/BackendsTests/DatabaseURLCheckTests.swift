import CatalogPostgres
import Testing
import UserFacing

/// DATABASE_URL is checked by r2s before libpq parses it (libpq's parse errors quote the URL).
@Suite struct DatabaseURLCheckTests {
    private func settings(_ url: String) throws -> PostgresSettings {
        try PostgresSettings(SettingValues(profileName: "t", values: ["DATABASE_URL": url], origins: ["DATABASE_URL": "env"]))
    }

    @Test("real-world URLs pass", arguments: [
        "postgres://postgres:pw@127.0.0.1:5432/postgres",
        "postgresql://postgres.abcdefgh:p%40ss%25w0rd@aws-0-us-east-1.pooler.supabase.com:6543/postgres?pgbouncer=true",
        "postgres://u:p@[::1]:5432/db?sslmode=require",
        "postgres://u@host1:5432,host2:5433/db",
        "postgres:///db?host=/var/run/postgresql",
        "postgres://%2Fvar%2Frun%2Fpostgresql/db",
    ])
    func valid(_ url: String) throws {
        #expect(try settings(url).databaseURL == url)
    }

    @Test("malformed URLs are refused naming the part, never quoting it", arguments: [
        ("postgres://postgres:hunter2pw@[::1:5/postgres", "IPv6"),
        ("postgres://postgres:hunt%zzer2pw@h/db", "password"),
        ("postgres://us%zer:hunter2pw@h/db", "user name"),
        ("postgres://postgres:hunter2pw@h:99999/db", "port"),
        ("postgres://postgres:hunter2pw@h:5x/db", "port"),
        ("postgres://postgres:hun@ter2pw@h/db", "'@'"),
        ("postgres://postgres:hunter2pw@h/d%zb", "database name"),
        ("postgres://postgres:hunter2pw@h/db?sslmode=%zz", "parameters"),
    ])
    func invalid(_ url: String, _ part: String) throws {
        do {
            _ = try settings(url)
            Issue.record("\(url) was accepted")
        } catch {
            let e = try #require(error as? ConfigError)
            let text = e.localizedMessage(.en) + " " + (e.localizedHint(.en) ?? "")
            #expect(text.contains(part), "\(text)")
            #expect(e.exitStatus == .config)
            for secret in ["hunter2pw", "hunt", "ter2pw"] { #expect(!text.contains(secret), "\(text)") }
        }
    }
}
