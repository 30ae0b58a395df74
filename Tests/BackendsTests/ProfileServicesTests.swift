@testable import Backends
import Foundation
import HTTP
import Catalog
import LocalStore
import ObjectStore
import R2SCore
import R2STestSupport
import S3
import Testing

@Suite struct ProfileServicesTests {
    private func context(_ values: [String: String], name: String = "local") -> ShellContext {
        .testing(values, name: name, folder: "/tmp/r2s-backends-\(UInt64.random(in: 0...UInt64.max))")
    }

    @Test("with nothing configured: a local folder bucket, a SQLite catalog created on first use, the reserved base")
    func localDefault() async throws {
        let ctx = context([:])
        let services = ProfileServices()
        let store = try services.objectStore(ctx)
        #expect(store is LocalFolderStore)
        #expect(store.displayName.contains(ctx.session.paths.data + "/local/bucket"))
        let catalog = try services.catalog(ctx)
        #expect(catalog.displayName.contains("catalog.sqlite"))
        #expect(try await catalog.count(RecordQuery()) == 0)
        #expect(try services.keyMapping(ctx).publicBase == ProfileServices.localPublicBase)
    }

    @Test("R2_ENDPOINT selects the S3 client; a missing R2_PUBLIC_URL is a config error naming the variable")
    func s3Profile() throws {
        let ctx = context(
            ["R2_ENDPOINT": "http://127.0.0.1:1", "R2_BUCKET": "b", "R2_ACCESS_KEY_ID": "ak", "R2_SECRET_ACCESS_KEY": "sk"],
            name: "r2")
        let services = ProfileServices()
        #expect(try services.objectStore(ctx) is S3Client)
        do {
            _ = try services.keyMapping(ctx)
            Issue.record("expected a missing R2_PUBLIC_URL error")
        } catch let error as any UserFacingError {
            #expect(error.userMessage.contains("R2_PUBLIC_URL"))
            #expect(error.exitStatus == .config)
        }
    }

    @Test("a store is cached per profile state: changing a setting gives a new one")
    func caching() throws {
        let ctx = context(
            ["R2_ENDPOINT": "http://127.0.0.1:1", "R2_BUCKET": "b1", "R2_ACCESS_KEY_ID": "ak", "R2_SECRET_ACCESS_KEY": "sk"])
        let services = ProfileServices()
        let a = try services.objectStore(ctx) as? S3Client
        let b = try services.objectStore(ctx) as? S3Client
        #expect(a != nil && a === b)
        ctx.session.profile.values["R2_BUCKET"] = "b2"
        let c = try services.objectStore(ctx) as? S3Client
        #expect(c != nil && c !== a)
        #expect(c?.displayName.contains("b2") == true)
    }

    @Test("DATABASE_URL selects Postgres; a bad R2S_CATALOG value is a config error")
    func catalogSelection() throws {
        let bad = context(["R2S_CATALOG": "mysql"])
        #expect(throws: (any Error).self) { try ProfileServices().catalog(bad) }
        let pg = context(["DATABASE_URL": "postgres://u:secretpw@127.0.0.1:1/db"])
        // Connecting may be lazy or eager; either way the password must never show.
        do {
            let store = try ProfileServices().catalog(pg)
            #expect(!store.displayName.contains("secretpw"))
        } catch let error as any UserFacingError {
            #expect(!error.userMessage.contains("secretpw"))
            #expect(error.exitStatus == .config)
        }
    }

    @Test("the wiring's stores carry doctor's facts: the S3 bucket a clock and failure kinds, SQLite no RLS")
    func diagnosticsFacets() async throws {
        let local = context([:])
        #expect(try ProfileServices().objectStore(local).diagnostics == nil)  // no server: no clock
        #expect((try ProfileServices().catalog(local) as? any CatalogDiagnostics)?.bypassesRowLevelSecurity == true)
        guard let server = TestServers.s3() else { return }
        let s3 = context(
            [
                "R2_ENDPOINT": server.endpoint, "R2_BUCKET": "b", "R2_ACCESS_KEY_ID": server.accessKey,
                "R2_SECRET_ACCESS_KEY": server.secretKey,
            ], name: "s3")
        let facet = try #require(try ProfileServices().objectStore(s3).diagnostics)
        let date = try #require(try await facet.serverDate())
        #expect(abs(date.timeIntervalSinceNow) < 24 * 3600)
        #expect(facet.failureKind(of: S3Error(.signatureDoesNotMatch)) == .credentials)
        #expect(facet.failureKind(of: S3Error(.noSuchBucket)) == .missingBucket)
        #expect(facet.failureKind(of: CocoaError(.fileNoSuchFile)) == .unreachable)
    }
}

@Suite struct KeyKindTests {
    private func jwt(_ payload: String) -> String {
        let body = Array(payload.utf8)
        var b64 = Data(body).base64EncodedString()
        b64 = b64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "eyJhbGciOiJIUzI1NiJ9." + b64 + ".signature"
    }

    @Test("Supabase keys: secret and service_role bypass RLS; publishable and anon do not; others unknown")
    func kinds() throws {
        // Asked of the catalog the production wiring builds (its diagnostics facet), as doctor does.
        func bypass(_ key: String) throws -> Bool? {
            let ctx = ShellContext(
                console: BufferConsole(),
                session: Session(
                    profile: Profile(name: "p", values: ["SUPABASE_URL": "https://p.supabase.co", "SUPABASE_SERVICE_ROLE_KEY": key]),
                    environment: [:], paths: Paths(config: "/n/c", state: "/n/s", data: "/n/d"), language: .en),
                registry: CommandRegistry(modules: []))
            let catalog = try ProfileServices().catalog(ctx)
            return try #require(catalog as? any CatalogDiagnostics).bypassesRowLevelSecurity
        }
        #expect(try bypass("sb_secret_abc") == true)
        #expect(try bypass("sb_publishable_abc") == false)
        #expect(try bypass(jwt(#"{"iss":"supabase","role":"service_role"}"#)) == true)
        #expect(try bypass(jwt(#"{"iss":"supabase", "role": "anon"}"#)) == false)
        #expect(try bypass(jwt(#"{"iss":"x"}"#)) == nil)
        #expect(try bypass("not-a-key") == nil)
    }

    @Test("a retry becomes one 'retrying …' line on stderr, none with -q")
    func retryLines() throws {
        let notice = RetryNotice(
            method: "PUT", target: "https://acc.r2.cloudflarestorage.com/media/a.pdf", attempt: 1, maxAttempts: 5,
            delay: .milliseconds(450), reason: "curl error 28: timeout", elapsed: .seconds(31), deadline: .seconds(60))
        let console = BufferConsole()
        let session = Session(
            profile: Profile(name: "x"), environment: [:], paths: Paths(config: "/n/c", state: "/n/s", data: "/n/d"), language: .en)
        ProfileServices.retryReporter(ShellContext(console: console, session: session, registry: CommandRegistry(modules: [])))(notice)
        #expect(console.errorOutput == "retrying PUT https://acc.r2.cloudflarestorage.com/media/a.pdf in 0.4 s (attempt 2 of 5, 31 s of 60 s): curl error 28: timeout\n")
        let quiet = BufferConsole()
        ProfileServices.retryReporter(
            ShellContext(console: quiet, quiet: true, session: session, registry: CommandRegistry(modules: [])))(notice)
        #expect(quiet.errorOutput.isEmpty)
    }
}

@Suite struct TargetDescriptionTests {
    private func context(_ values: [String: String], name: String, chosenBy: String? = "--profile") -> ShellContext {
        let session = Session(
            profile: Profile(name: name, values: values, chosenBy: chosenBy), environment: [:],
            paths: Paths(config: "/nonexistent/config", state: "/nonexistent/state", data: "/data"), language: .en)
        return ShellContext(console: BufferConsole(), session: session, registry: CommandRegistry(modules: []))
    }

    @Test("S3 + PostgREST: bucket @ endpoint host and the REST host; no key, no secret")
    func s3PostgREST() {
        let ctx = context([
            "R2_ACCOUNT_ID": "0123456789abcdef0123456789abcdef", "R2_BUCKET": "media", "R2_ACCESS_KEY_ID": "AKID1234",
            "R2_SECRET_ACCESS_KEY": "very-secret-value", "SUPABASE_URL": "https://abcd.supabase.co/",
            "SUPABASE_SERVICE_ROLE_KEY": "sb_secret_abcdefgh123456",
        ], name: "prod")
        let target = ProfileServices().describeTarget(ctx)
        let line = target.line(.en)
        #expect(line == "profile prod → bucket media @ 0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com, "
            + "catalog postgrest abcd.supabase.co table storage")
        let json = JSONWriter.encode(target.jsonValue)
        for secret in ["very-secret-value", "sb_secret", "AKID1234"] {
            #expect(!line.contains(secret) && !json.contains(secret))
        }
    }

    @Test("Postgres: host:port/db, never user or password; a missing catalog is named, not guessed")
    func postgres() {
        let ctx = context([
            "R2_ENDPOINT": "http://127.0.0.1:8333", "R2_BUCKET": "b",
            "DATABASE_URL": "postgresql://app:pa55w0rd@db.example.com:6543/postgres?sslmode=require", "R2S_TABLE": "files",
        ], name: "stage")
        #expect(ProfileServices().describeTarget(ctx).line(.en)
            == "profile stage → bucket b @ 127.0.0.1:8333, catalog postgres db.example.com:6543/postgres table files")
        let conninfo = context([
            "R2_ENDPOINT": "https://s3.example.com", "R2_BUCKET": "b",
            "DATABASE_URL": "postgresql://app:pa55w0rd@db.example.com/postgres", "R2S_CATALOG": "postgrest",
            "SUPABASE_URL": "https://svc:restpw@abcd.supabase.co", "SUPABASE_SERVICE_ROLE_KEY": "k",
        ], name: "y")
        let hostile = ProfileServices().describeTarget(conninfo).line(.en)
        for secret in ["pa55w0rd", "restpw", "svc"] { #expect(!hostile.contains(secret), "\(hostile)") }
        #expect(hostile.hasSuffix("catalog postgrest abcd.supabase.co table storage"))
        // An endpoint with user info is refused where the profile is read (S3Endpoint's rule).
        let userinfo = context(["R2_ENDPOINT": "https://user:endpointpw@s3.example.com", "R2_BUCKET": "b"], name: "z")
        let refused = ProfileServices().describeTarget(userinfo).line(.en)
        #expect(refused == "profile z → invalid settings" && !refused.contains("endpointpw"), "\(refused)")
        let none = context(["R2_ENDPOINT": "http://127.0.0.1:8333", "R2_BUCKET": "b", "R2S_CATALOG": "postgres"], name: "x")
        #expect(ProfileServices().describeTarget(none).line(.en) == "profile x → bucket b @ 127.0.0.1:8333, catalog: not configured")
    }
}
