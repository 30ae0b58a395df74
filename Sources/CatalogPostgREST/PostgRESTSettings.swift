public import UserFacing

/// The PostgREST (Supabase REST API) catalog's settings, `SUPABASE_URL` and
/// `SUPABASE_SERVICE_ROLE_KEY`, read and checked beside its store.
public struct PostgRESTSettings: Sendable, Equatable {
    public var profileName: String
    /// The project's base URL (an http(s) URL).
    public var url: String?
    /// The service-role key, used as loaded (a secret: never printed).
    public var serviceRoleKey: String?

    /// Reads and validates `SUPABASE_URL` (the key is used as it is).
    ///
    /// - Throws: `ConfigError(.invalidValue)` naming the variable and its origin.
    public init(_ values: SettingValues) throws {
        profileName = values.profileName
        url = values.trimmed("SUPABASE_URL")
        if let url, !SettingValues.isHTTPURL(url) {
            throw values.invalid("SUPABASE_URL", "is not an http(s) URL", "não é uma URL http(s)",
                                 example: "https://PROJECT.supabase.co")
        }
        serviceRoleKey = values["SUPABASE_SERVICE_ROLE_KEY"]
    }

    /// Whether the profile configures this catalog (the default kind when no `DATABASE_URL`).
    public var isConfigured: Bool { url != nil }

    /// `SUPABASE_URL` and the service-role key, or a `missingValue` error.
    public func require() throws -> (url: String, serviceRoleKey: String) {
        let names = SettingValues(profileName: profileName, values: [:])
        guard let url else { throw names.missing("SUPABASE_URL") }
        guard let serviceRoleKey else { throw names.missing("SUPABASE_SERVICE_ROLE_KEY") }
        return (url, serviceRoleKey)
    }
}
