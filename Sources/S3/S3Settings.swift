public import UserFacing

/// The R2/S3 half of a profile, read and validated in one place: the shell's profile (through
/// `Backends`) and `S3Configuration(settings:)` both go through this parser, so what
/// `profile show` prints is what the client uses.
///
/// - `R2_ENDPOINT` (an http(s) URL `S3Endpoint` accepts; a trailing `/` is dropped) wins; else `R2_ACCOUNT_ID`
///   (letters and digits) [+ `R2_JURISDICTION`, `R2Jurisdiction`] derives
///   `https://<account>[.<jurisdiction>].r2.cloudflarestorage.com`.
/// - `R2_ACCESS_KEY_ID`, `R2_SECRET_ACCESS_KEY` (used as loaded), `R2_BUCKET`,
///   `R2_PUBLIC_URL` (an http(s) URL), `R2_REGION` (default `auto`).
public struct S3Settings: Sendable, Equatable {
    public var profileName: String
    public var accountID: String?
    public var jurisdiction: String?
    /// The S3 endpoint: `R2_ENDPOINT`, else derived from the account (and jurisdiction).
    public var endpoint: String?
    /// `endpoint` as the client uses it (validated once, by `S3Endpoint`).
    var parsedEndpoint: S3Endpoint?
    /// True when `endpoint` was derived from `R2_ACCOUNT_ID` (for `profile show`'s origin column).
    public var endpointIsDerived: Bool
    public var accessKeyID: String?
    public var secretAccessKey: String?
    public var bucket: String?
    /// The bucket's public base (the prefix of the catalog's urls).
    public var publicURL: String?
    /// SigV4 region; R2 uses `auto` (the default).
    public var region: String

    /// Reads and validates the R2/S3 settings of `values`.
    ///
    /// - Throws: `ConfigError(.invalidValue)` naming the first bad variable and its origin.
    public init(_ values: SettingValues) throws {
        profileName = values.profileName
        accountID = values.trimmed("R2_ACCOUNT_ID")
        if let accountID, !accountID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw values.invalid("R2_ACCOUNT_ID", "is not an account id", "não é um id de conta",
                                 example: "the 32-character id from the Cloudflare dashboard")
        }
        switch R2Jurisdiction.meaning(of: values.trimmed("R2_JURISDICTION")) {
        case .none: jurisdiction = nil
        case .label(let label): jurisdiction = label
        case .invalid:
            throw values.invalid("R2_JURISDICTION", "is not a jurisdiction", "não é uma jurisdição",
                                 example: "eu, fedramp or us (or leave it unset)")
        }
        endpointIsDerived = false
        if let explicit = values.trimmed("R2_ENDPOINT") {
            // The one endpoint rule is `S3Endpoint`'s, applied here so that what the client
            // cannot use (user info, a query, a bad port) is refused where the profile is read.
            guard let parsed = S3Endpoint(explicit) else {
                throw values.invalid(
                    "R2_ENDPOINT", "is not an endpoint URL (http(s)://host[:port][/path], no user info, query or fragment)",
                    "não é uma URL de endpoint (http(s)://host[:porta][/caminho], sem usuário, query ou fragmento)",
                    example: "https://ACCOUNT_ID.r2.cloudflarestorage.com")
            }
            endpoint = explicit.hasSuffix("/") ? String(explicit.dropLast()) : explicit
            parsedEndpoint = parsed
        } else if let accountID {
            let derived = "https://\(accountID)" + (jurisdiction.map { ".\($0)" } ?? "") + ".r2.cloudflarestorage.com"
            endpoint = derived
            parsedEndpoint = S3Endpoint(derived)
            endpointIsDerived = true
        }
        accessKeyID = values.trimmed("R2_ACCESS_KEY_ID")
        secretAccessKey = values["R2_SECRET_ACCESS_KEY"]
        bucket = values.trimmed("R2_BUCKET")
        publicURL = values.trimmed("R2_PUBLIC_URL")
        if let publicURL, !SettingValues.isHTTPURL(publicURL) {
            throw values.invalid("R2_PUBLIC_URL", "is not an http(s) URL", "não é uma URL http(s)",
                                 example: "the bucket's public base, e.g. https://pub-….r2.dev")
        }
        region = values.trimmed("R2_REGION") ?? "auto"
    }

    /// `R2_ENDPOINT` (or `R2_ACCOUNT_ID`), or a `missingValue` error saying what to set.
    public func requireEndpoint() throws -> String {
        guard let endpoint else { throw missing("R2_ENDPOINT", or: "R2_ACCOUNT_ID") }
        return endpoint
    }

    /// `R2_BUCKET`, or a `missingValue` error.
    public func requireBucket() throws -> String {
        guard let bucket else { throw missing("R2_BUCKET") }
        return bucket
    }

    /// The access key pair, or a `missingValue` error naming the missing half.
    public func requireCredentials() throws -> (accessKeyID: String, secretAccessKey: String) {
        guard let accessKeyID else { throw missing("R2_ACCESS_KEY_ID") }
        guard let secretAccessKey else { throw missing("R2_SECRET_ACCESS_KEY") }
        return (accessKeyID, secretAccessKey)
    }

    /// The parsed endpoint, or the same `missingValue` error as `requireEndpoint()`.
    func requireParsedEndpoint() throws -> S3Endpoint {
        guard let parsedEndpoint else { throw missing("R2_ENDPOINT", or: "R2_ACCOUNT_ID") }
        return parsedEndpoint
    }

    /// The client configuration these settings describe (every setting it needs must be set);
    /// `retryDeadline` is `R2S_RETRY_DEADLINE`.
    public func configuration(retryDeadline: String?) throws -> S3Configuration {
        let keys = try requireCredentials()
        return try S3Configuration(
            endpoint: requireParsedEndpoint(), bucket: requireBucket(), region: region, accessKeyID: keys.accessKeyID,
            secretAccessKey: keys.secretAccessKey, retryDeadline: retryDeadline)
    }

    private func missing(_ key: String, or other: String? = nil) -> ConfigError {
        SettingValues(profileName: profileName, values: [:]).missing(key, or: other)
    }
}
