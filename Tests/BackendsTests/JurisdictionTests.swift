import Backends
import R2SCore
import S3
import Testing

/// `R2_JURISDICTION` has one rule: the profile's settings and the S3 client's configuration
/// never disagree about a spelling (one accepting what the other refuses, or deriving another host).
@Suite struct JurisdictionTests {
    static let base = [
        "R2_ACCOUNT_ID": "acct", "R2_BUCKET": "media", "R2_ACCESS_KEY_ID": "AKID", "R2_SECRET_ACCESS_KEY": "s3cr3t-value-xyz",
    ]

    @Test(
        "profile settings and the S3 configuration agree on every spelling",
        arguments: ["eu", "EU", "fedramp", "us", "default", "DEFAULT", "", "  ", "mars", "e-u", "eu.evil.com"])
    func agree(_ spelling: String) {
        let values = Self.base.merging(["R2_JURISDICTION": spelling]) { _, new in new }
        // The profile side: the endpoint it shows (`profile show`) — or nil when it refuses.
        let shown = try? BackendSettings(Profile(name: "x", values: values)).s3.endpoint
        // The store side: the endpoint the client will call — or nil when it refuses.
        let used = (try? S3Configuration(settings: values)).map { $0.endpoint.origin }
        #expect(shown == used, "R2_JURISDICTION=\(spelling): profile shows \(shown ?? "an error"), S3 uses \(used ?? "an error")")
    }

    @Test("unset, empty and `default` all mean the account's default endpoint")
    func defaultJurisdiction() throws {
        for spelling in ["", "default", "Default"] {
            let values = Self.base.merging(["R2_JURISDICTION": spelling]) { _, new in new }
            #expect(try S3Configuration(settings: values).endpoint.origin == "https://acct.r2.cloudflarestorage.com")
        }
    }
}
