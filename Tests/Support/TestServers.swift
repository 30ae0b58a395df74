public import Testing

/// Connection facts for the real test servers started by `scripts/servers.sh up DIR` (the README's
/// test command sources DIR/env). When a variable is missing the server tests skip, unless
/// `R2S_REQUIRE_SERVERS=1` is set: then the missing server is a recorded failure, so CI can never
/// pass on silently skipped tests.
public enum TestServers {
    /// An S3 server: SeaweedFS (SigV4 enforced) or moto (byte-exact keys, any credentials).
    public struct S3: Sendable {
        public var endpoint: String
        public var accessKey: String
        public var secretKey: String
        /// The signing region: moto refuses CreateBucket signed for R2's `auto`.
        public var region: String = "auto"

        /// The `R2_*` settings of a client on `bucket` of this server.
        public func settings(bucket: String) -> [String: String] {
            [
                "R2_ENDPOINT": endpoint, "R2_BUCKET": bucket, "R2_ACCESS_KEY_ID": accessKey,
                "R2_SECRET_ACCESS_KEY": secretKey, "R2_REGION": region,
            ]
        }
    }

    /// The PostgreSQL server.
    public struct Postgres: Sendable {
        /// `postgres://postgres:PW@127.0.0.1:PORT/postgres`
        public var url: String
    }

    /// The PostgREST-subset test double (Tests/Support/pgrest) over the PostgreSQL server.
    public struct PostgREST: Sendable {
        /// `http://127.0.0.1:PORT` (the store appends `/rest/v1/<table>`).
        public var url: String
        /// The API key it accepts (an `sb_secret_…`-style, non-JWT key).
        public var key: String
    }

    static var environment: [String: String] {
        var env: [String: String] = [:]
        for (k, v) in ProcessEnvironment.all() { env[k] = v }
        return env
    }

    /// True when the README's test command asked for every server test to run.
    public static var required: Bool { environment["R2S_REQUIRE_SERVERS"] == "1" }

    /// The S3 server, or `nil` (and a recorded issue when servers are required).
    public static func s3(sourceLocation: SourceLocation = #_sourceLocation) -> S3? {
        let env = environment
        guard let endpoint = env["R2S_TEST_S3_ENDPOINT"], let ak = env["R2S_TEST_S3_ACCESS_KEY"],
            let sk = env["R2S_TEST_S3_SECRET_KEY"]
        else {
            missing("S3 (R2S_TEST_S3_ENDPOINT…)", sourceLocation)
            return nil
        }
        return S3(endpoint: endpoint, accessKey: ak, secretKey: sk)
    }

    /// moto's S3 server (`scripts/servers.sh up` starts it on the S3 port + 50), or `nil` (and a
    /// recorded issue when servers are required). It keeps key bytes exactly as R2 does (`a//b`,
    /// `/lead`, `trail/`; NFC and NFD as two objects) and checks no signatures.
    public static func moto(sourceLocation: SourceLocation = #_sourceLocation) -> S3? {
        guard let endpoint = environment["R2S_TEST_MOTO_ENDPOINT"] else {
            missing("moto S3 (R2S_TEST_MOTO_ENDPOINT)", sourceLocation)
            return nil
        }
        return S3(endpoint: endpoint, accessKey: "r2smotoaccess", secretKey: "r2smotosecret0123456789", region: "us-east-1")
    }

    /// The PostgreSQL server, or `nil` (and a recorded issue when servers are required).
    public static func postgres(sourceLocation: SourceLocation = #_sourceLocation) -> Postgres? {
        guard let url = environment["R2S_TEST_PG_URL"] else {
            missing("PostgreSQL (R2S_TEST_PG_URL)", sourceLocation)
            return nil
        }
        return Postgres(url: url)
    }

    /// The PostgREST-subset server (started by `scripts/servers.sh up` with max-rows 1000), or
    /// `nil` (and a recorded issue when servers are required).
    public static func postgrest(sourceLocation: SourceLocation = #_sourceLocation) -> PostgREST? {
        let env = environment
        guard let url = env["R2S_TEST_PGREST_URL"], let key = env["R2S_TEST_PGREST_KEY"] else {
            missing("PostgREST subset (R2S_TEST_PGREST_URL, R2S_TEST_PGREST_KEY)", sourceLocation)
            return nil
        }
        return PostgREST(url: url, key: key)
    }

    /// PgBouncer in transaction mode in front of the PostgreSQL server (a `Postgres` whose url
    /// goes through the pooler), or `nil` (and a recorded issue when servers are required).
    public static func pgbouncer(sourceLocation: SourceLocation = #_sourceLocation) -> Postgres? {
        guard let url = environment["R2S_TEST_PGBOUNCER_URL"] else {
            missing("PgBouncer (R2S_TEST_PGBOUNCER_URL)", sourceLocation)
            return nil
        }
        return Postgres(url: url)
    }

    /// `scripts/servers.sh` (for tests that start/stop a private server to inject failures).
    public static var serversScript: String? { environment["R2S_TEST_SERVERS_SCRIPT"] }

    /// Use as `.enabled(if: TestServers.s3Available)` — but prefer calling `s3()` inside the test so
    /// a missing server under R2S_REQUIRE_SERVERS=1 is a failure, not a skip.
    public static var s3Available: Bool { environment["R2S_TEST_S3_ENDPOINT"] != nil || required }
    /// Same for PostgreSQL.
    public static var postgresAvailable: Bool { environment["R2S_TEST_PG_URL"] != nil || required }

    private static func missing(_ what: String, _ location: SourceLocation) {
        if required {
            Issue.record("test server missing: \(what) with R2S_REQUIRE_SERVERS=1", sourceLocation: location)
        }
    }
}
