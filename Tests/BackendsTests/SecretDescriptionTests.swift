import CatalogPostgREST
import CatalogPostgres
import R2SCore
import S3
import Testing
import UserFacing

/// A settings value interpolated into a message or dumped while debugging must not carry the
/// secrets it holds: the default description and mirror of a struct print every stored property.
@Suite struct SecretDescriptionTests {
    static let secret = "s3cr3t-VALUE-9f8e7d"
    static let values: [String: String] = [
        "R2_ENDPOINT": "http://127.0.0.1:9", "R2_BUCKET": "media", "R2_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "R2_SECRET_ACCESS_KEY": secret, "SUPABASE_URL": "https://p.supabase.co", "SUPABASE_SERVICE_ROLE_KEY": secret,
        "DATABASE_URL": "postgres://app:\(secret)@db.example.com:5432/postgres",
    ]

    /// Everything Swift prints for a value: `\(x)`, `String(reflecting:)` and `dump`.
    static func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), dumped]
    }

    @Test("S3Settings, PostgresSettings, PostgRESTSettings and Profile print no secret")
    func noSecretPrinted() throws {
        let settings = SettingValues(profileName: "prod", values: Self.values)
        let printed: [(String, Any)] = [
            ("S3Settings", try S3Settings(settings)), ("PostgresSettings", try PostgresSettings(settings)),
            ("PostgRESTSettings", try PostgRESTSettings(settings)), ("Profile", Profile(name: "prod", values: Self.values)),
        ]
        for (name, value) in printed {
            for text in Self.renderings(value) {
                #expect(!text.contains(Self.secret), "\(name) printed its secret: \(text)")
            }
        }
        // Still useful: the non-secret parts stay readable.
        #expect(String(describing: try S3Settings(settings)).contains("media"))
        #expect(String(describing: Profile(name: "prod", values: Self.values)).contains("db.example.com"))
    }
}
