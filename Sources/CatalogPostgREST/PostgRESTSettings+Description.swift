public import UserFacing

/// The service-role key bypasses row-level security: printed masked.
extension PostgRESTSettings: RedactedDescription {
    public var redactedFields: [(label: String, value: String)] {
        [
            ("profile", profileName), ("url", url ?? "-"),
            ("serviceRoleKey", serviceRoleKey.map { SecretRule.masked(name: "SUPABASE_SERVICE_ROLE_KEY", value: $0) } ?? "-"),
        ]
    }
}
