public import UserFacing

/// `DATABASE_URL` carries the password: printed with it masked.
extension PostgresSettings: RedactedDescription {
    public var redactedFields: [(label: String, value: String)] {
        [("profile", profileName), ("databaseURL", databaseURL.map { SecretRule.masked(name: "DATABASE_URL", value: $0) } ?? "-")]
    }
}
