import R2SCore
import Testing

@testable import S3

@Suite struct S3ConfigurationTests {
    let base = ["R2_BUCKET": "media", "R2_ACCESS_KEY_ID": "AKID", "R2_SECRET_ACCESS_KEY": "s3cr3t-value-xyz"]

    func config(_ extra: [String: String]) throws -> S3Configuration {
        try S3Configuration(settings: base.merging(extra) { _, new in new })
    }

    @Test func retryDeadlineSetting() throws {
        let e = ["R2_ENDPOINT": "http://127.0.0.1:19333"]
        #expect(try config(e).http.retryDeadlineSeconds == 60)
        #expect(try config(e.merging(["R2S_RETRY_DEADLINE": "90"]) { $1 }).http.retryDeadlineSeconds == 90)
        #expect(try config(e.merging(["R2S_RETRY_DEADLINE": "2m"]) { $1 }).http.retryDeadlineSeconds == 120)
        #expect(try config(e.merging(["R2S_RETRY_DEADLINE": "15s"]) { $1 }).http.retryDeadlineSeconds == 15)
        for bad in ["0", "-5", "2h", "abc", "m", "3601", "١٢"] {
            #expect(throws: S3Error.self, "\(bad)") { try config(e.merging(["R2S_RETRY_DEADLINE": bad]) { $1 }) }
        }
    }

    @Test func explicitEndpointWinsAndIsPathStyle() throws {
        let c = try config(["R2_ENDPOINT": "http://127.0.0.1:19333/", "R2_ACCOUNT_ID": "abc123"])
        #expect(c.endpoint.origin == "http://127.0.0.1:19333")
        #expect(c.pathStyle)
        #expect(c.region == "auto")
        #expect(c.bucket == "media")
    }

    @Test func accountAndJurisdiction() throws {
        #expect(try config(["R2_ACCOUNT_ID": "0123abcd"]).endpoint.description == "https://0123abcd.r2.cloudflarestorage.com")
        for j in ["eu", "fedramp", "us", "EU"] {
            #expect(try config(["R2_ACCOUNT_ID": "acct", "R2_JURISDICTION": j]).endpoint.host
                == "acct.\(j.lowercased()).r2.cloudflarestorage.com")
        }
        let bad = #expect(throws: ConfigError.self) { _ = try config(["R2_ACCOUNT_ID": "acct", "R2_JURISDICTION": "mars"]) }
        #expect(bad?.userMessage.contains("R2_JURISDICTION") == true)
        #expect(throws: ConfigError.self) { _ = try config(["R2_ACCOUNT_ID": "acct.evil.com/x"]) }
    }

    @Test func bucketAliasAndRegion() throws {
        var settings = base
        settings["R2_BUCKET"] = nil
        settings["R2_BUCKET_NAME"] = "other"
        settings["R2_ENDPOINT"] = "https://s3.example.com"
        settings["R2_REGION"] = "us-east-1"
        let c = try S3Configuration(settings: settings)
        #expect(c.bucket == "other" && c.region == "us-east-1")
    }

    @Test(arguments: [
        ("R2_BUCKET", "R2_BUCKET"), ("R2_ACCESS_KEY_ID", "R2_ACCESS_KEY_ID"),
        ("R2_SECRET_ACCESS_KEY", "R2_SECRET_ACCESS_KEY"),
    ])
    func missingSettingsNameTheVariable(removed: String, named: String) throws {
        var settings = base
        settings["R2_ENDPOINT"] = "http://127.0.0.1:1"
        settings[removed] = "  "  // blank counts as unset
        let error = #expect(throws: ConfigError.self) { _ = try S3Configuration(settings: settings) }
        #expect(error?.code == .missingValue)
        #expect(error?.userMessage == "\(named) is not set in profile 'env'")
        #expect(error?.hint?.contains("docs/configuration.md") == true)
        #expect(error?.exitStatus == .config)
    }

    @Test func missingEndpoint() {
        let error = #expect(throws: ConfigError.self) { _ = try S3Configuration(settings: base) }
        #expect(error?.userMessage.contains("R2_ENDPOINT (or R2_ACCOUNT_ID)") == true)
    }

    @Test func endpointParsing() throws {
        let e = try #require(S3Endpoint("https://Host.Example.com:443/storage/v1/s3/"))
        #expect(e.host == "host.example.com" && e.authority == "host.example.com" && e.basePath == "/storage/v1/s3")
        #expect(S3Endpoint("http://[::1]:9000")?.authority == "[::1]:9000")
        #expect(S3Endpoint("http://h:80")?.authority == "h")
        for bad in ["ftp://h", "h:9000", "http://", "http://h:0", "http://h:x", "http://u:p@h", "http://h/?q"] {
            #expect(S3Endpoint(bad) == nil, "\(bad)")
        }
    }

    @Test func addressingStyles() throws {
        var c = try config(["R2_ENDPOINT": "https://acct.r2.cloudflarestorage.com"])
        let path = try S3Client(configuration: c)
        #expect(path.location(bucket: "media", key: "a b/c").host == "acct.r2.cloudflarestorage.com")
        #expect(path.location(bucket: "media", key: "a b/c").path == "/media/a b/c")
        c.pathStyle = false
        let virtual = try S3Client(configuration: c)
        #expect(virtual.location(bucket: "media", key: "a b/c") == ("media.acct.r2.cloudflarestorage.com", "/a b/c"))
        let presigned = try virtual.presign("a b/c", method: "GET", expires: 60)
        #expect(presigned.hasPrefix("https://media.acct.r2.cloudflarestorage.com/a%20b/c?X-Amz-Algorithm="))
    }

    @Test func secretNeverInDescriptions() throws {
        let c = try config(["R2_ENDPOINT": "http://127.0.0.1:1"])
        var dumped = ""
        dump(c, to: &dumped)
        let client = try S3Client(configuration: c)
        for text in [String(describing: c), String(reflecting: c), dumped, client.displayName, String(reflecting: client)] {
            #expect(!text.contains("s3cr3t-value-xyz"), "\(text)")
        }
        #expect(client.displayName == "s3://media (http://127.0.0.1:1)")
    }

    @Test func errorStatusesAndHints() {
        let auth = S3Error(.signatureDoesNotMatch, status: 403, requestID: "REQ1")
        #expect(auth.exitStatus == .config)
        #expect(auth.userMessage.contains("SignatureDoesNotMatch") && auth.userMessage.contains("REQ1"))
        #expect(auth.hint?.contains("R2_ACCESS_KEY_ID / R2_SECRET_ACCESS_KEY") == true)
        #expect(auth.localizedHint(.ptBR)?.contains("confira") == true)
        #expect(S3Error(.accessDenied).hint?.contains("cannot list buckets") == true)
        #expect(S3Error(.requestTimeTooSkewed).hint?.contains("clock") == true)
        #expect(S3Error(.noSuchBucket, bucket: "x").userMessage.contains("'x'"))
        #expect(S3Error(.noSuchKey, key: "k").exitStatus == .failure)
        #expect(S3Error(.service("InternalError"), status: 500).exitStatus == .failure)
        #expect(S3Error(.connectionFailed).exitStatus == .config)
        #expect(S3Error(.service("NotImplemented")).hint != nil)
    }
}
