public import UserFacing

/// The secret key is masked wherever the settings are printed (issue 14's review: the default
/// description printed `secretAccessKey`).
extension S3Settings: RedactedDescription {
    public var redactedFields: [(label: String, value: String)] {
        [
            ("profile", profileName), ("endpoint", endpoint ?? "-"), ("bucket", bucket ?? "-"),
            ("accessKeyID", accessKeyID ?? "-"),
            ("secretAccessKey", secretAccessKey.map { SecretRule.masked(name: "R2_SECRET_ACCESS_KEY", value: $0) } ?? "-"),
            ("publicURL", publicURL ?? "-"), ("region", region),
        ]
    }
}
