import R2SCore
import Testing

@testable import S3

/// `R2_ENDPOINT` has one validator, `S3Endpoint`: what the client cannot use is refused where the
/// profile is parsed (a `ConfigError` naming the variable), not later when the client is built.
@Suite struct S3SettingsEndpointTests {
    func settings(endpoint: String) throws -> S3Settings {
        try S3Settings(SettingValues(profileName: "p", values: ["R2_ENDPOINT": endpoint], origins: ["R2_ENDPOINT": "env"]))
    }

    @Test(arguments: ["http://u:p@h", "http://h/?q", "http://h:0", "http://h:x", "https://h#f", "ftp://h"])
    func refusedByTheParser(bad: String) {
        #expect(throws: ConfigError.self, "\(bad)") { try settings(endpoint: bad) }
    }

    @Test func refusalNamesTheVariableNeverThePassword() throws {
        do {
            _ = try settings(endpoint: "https://user:pa55word@h.example")
            Issue.record("accepted an endpoint with user info")
        } catch let error as ConfigError {
            #expect(error.userMessage.contains("R2_ENDPOINT (env)"))
            #expect(!error.userMessage.contains("pa55word") && !(error.hint ?? "").contains("pa55word"))
        }
    }

    @Test func acceptedEndpointIsTheOneTheClientUses() throws {
        let parsed = try settings(endpoint: "https://Host.Example.com:443/base/")
        #expect(parsed.endpoint == "https://Host.Example.com:443/base")
        let client = try S3Settings(SettingValues(profileName: "p", values: [
            "R2_ENDPOINT": "https://Host.Example.com:443/base/", "R2_BUCKET": "b",
            "R2_ACCESS_KEY_ID": "k", "R2_SECRET_ACCESS_KEY": "s",
        ])).configuration(retryDeadline: nil)
        #expect(client.endpoint.description == "https://host.example.com/base")
        let derived = try S3Settings(SettingValues(profileName: "p", values: ["R2_ACCOUNT_ID": "abc123"]))
        #expect(derived.endpoint == "https://abc123.r2.cloudflarestorage.com" && derived.endpointIsDerived)
    }
}
