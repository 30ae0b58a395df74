@testable import Backends
import Catalog
import R2SCore
import R2STestSupport
import S3
import Testing

/// A profile read by each store's own settings parser (`S3Settings`, `PostgRESTSettings`,
/// `PostgresSettings`, `CatalogSettings`) and the kind the catalog table picks.
@Suite struct BackendSettingsTests {
    @Test("defaults: region auto, table storage, catalog from what is configured")
    func defaults() throws {
        let local = try BackendSettings(Profile(name: "local"))
        #expect(local.s3.region == "auto")
        #expect(local.catalog.table == "storage")
        #expect(local.catalogKind == "sqlite")
        #expect(local.s3.endpoint == nil)
        #expect(try BackendSettings(Profile(name: "x", values: ["SUPABASE_URL": "https://p.supabase.co"])).catalogKind == "postgrest")
        let both = Profile(name: "x", values: ["SUPABASE_URL": "https://p.supabase.co", "DATABASE_URL": "postgres://u@h/d"])
        #expect(try BackendSettings(both).catalogKind == "postgres")
        var explicit = both
        explicit.values["R2S_CATALOG"] = "sqlite"
        #expect(try BackendSettings(explicit).catalogKind == "sqlite")
    }

    @Test("the endpoint is R2_ENDPOINT, else built from the account id and jurisdiction")
    func endpoint() throws {
        #expect(try BackendSettings(Profile(name: "x", values: ["R2_ACCOUNT_ID": "abc"])).s3.endpoint
            == "https://abc.r2.cloudflarestorage.com")
        #expect(try BackendSettings(Profile(name: "x", values: ["R2_ACCOUNT_ID": "abc", "R2_JURISDICTION": "EU"])).s3.endpoint
            == "https://abc.eu.r2.cloudflarestorage.com")
        let explicit = Profile(name: "x", values: ["R2_ACCOUNT_ID": "abc", "R2_ENDPOINT": "http://127.0.0.1:8333/"])
        #expect(try BackendSettings(explicit).s3.endpoint == "http://127.0.0.1:8333")
    }

    @Test("invalid values name the variable and its origin, never the value", arguments: [
        ("R2S_ACTOR", "not-a-uuid"),
        ("R2S_CATALOG", "mysql"),
        ("R2S_TABLE", "storage; drop table x"),
        ("R2_ENDPOINT", "ftp://x"),
        ("DATABASE_URL", "mysql://u:secretpw@h/d"),
        ("R2_ACCOUNT_ID", "abc.def"),
    ])
    func invalid(_ key: String, _ value: String) {
        let profile = Profile(name: "p", values: [key: value], origins: [key: ".env"])
        do {
            _ = try BackendSettings(profile)
            Issue.record("\(key)=\(value) accepted")
        } catch let error as ConfigError {
            #expect(error.code == .invalidValue)
            #expect(error.exitStatus == .config)
            #expect(error.userMessage.hasPrefix("\(key) (.env) "))
            #expect(!error.userMessage.contains(value) && !(error.hint ?? "").contains(value))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a command's settings are parsed once per profile state: a changed value is read anew, a bad one throws")
    func parsedOncePerState() throws {
        let session = Session(
            profile: Profile(name: "p", values: ["R2_BUCKET": "a"]), environment: [:],
            paths: Paths(config: "/n/c", state: "/n/s", data: "/n/d"), language: .en)
        let context = ShellContext(console: BufferConsole(), session: session, registry: CommandRegistry(modules: []))
        ProfileDescriptions.install(BackendProfileDescriber())
        #expect(try context.profileDescription()?.bucket == "a")
        #expect(try context.profileDescription() == BackendSettings(session.profile).profileDescription)
        #expect(try BackendSettings.of(context) == BackendSettings(session.profile))
        session.profile.values["R2_BUCKET"] = "b"  // as `set R2_BUCKET b` does
        #expect(try context.profileDescription()?.bucket == "b")
        session.profile.values["R2S_ACTOR"] = "not-a-uuid"
        #expect(throws: ConfigError.self) { try context.profileDescription() }
        #expect(throws: ConfigError.self) { try context.profileDescription() }
        session.profile.values["R2S_ACTOR"] = nil
        #expect(try context.profileDescription()?.bucket == "b")
    }

    @Test("a valid actor is kept lowercase; require* name the missing variable")
    func requireValues() throws {
        let s = try BackendSettings(Profile(name: "p", values: ["R2S_ACTOR": "123E4567-E89B-12D3-A456-426614174000"]))
        #expect(s.catalog.actor == "123e4567-e89b-12d3-a456-426614174000")
        #expect(throws: ConfigError.self) { try s.s3.requireBucket() }
        #expect(throws: ConfigError.self) { try s.profileDescription.requireBucket() }
        do {
            _ = try s.s3.requireEndpoint()
        } catch let error as ConfigError {
            #expect(error.code == .missingValue)
            #expect(error.userMessage == "R2_ENDPOINT (or R2_ACCOUNT_ID) is not set in profile 'p'")
        }
    }
}
