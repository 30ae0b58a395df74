public import UserFacing

/// The direct-Postgres catalog's connection setting, `DATABASE_URL`, read and checked beside
/// its store.
public struct PostgresSettings: Sendable, Equatable {
    public var profileName: String
    /// `postgres://` or `postgresql://`, checked the way libpq will parse it.
    public var databaseURL: String?

    /// Reads and validates `DATABASE_URL`.
    ///
    /// - Throws: `ConfigError(.invalidValue)` naming the variable and the bad part, never quoting it.
    public init(_ values: SettingValues) throws {
        profileName = values.profileName
        databaseURL = values.trimmed("DATABASE_URL")
        if let databaseURL, !(databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://")) {
            throw values.invalid("DATABASE_URL", "is not a postgres:// URL", "não é uma URL postgres://",
                                 example: "postgres://USER:PASSWORD@HOST:5432/postgres")
        }
        // Checked here, not by libpq: libpq's parse errors quote the whole URL, password included.
        if let databaseURL, let problem = DatabaseURLCheck.problem(databaseURL) {
            throw values.invalid(
                "DATABASE_URL", problem.en, problem.ptBR,
                example: "postgres://USER:****@HOST:5432/postgres with the password percent-encoded")
        }
    }

    /// Whether the profile configures this catalog (the default kind then).
    public var isConfigured: Bool { databaseURL != nil }

    /// `DATABASE_URL`, or a `missingValue` error.
    public func requireDatabaseURL() throws -> String {
        guard let databaseURL else { throw SettingValues(profileName: profileName, values: [:]).missing("DATABASE_URL") }
        return databaseURL
    }
}
