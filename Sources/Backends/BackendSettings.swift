public import Catalog
public import CatalogPostgREST
public import CatalogPostgres
public import R2SCore
public import S3

/// A profile read by every store's own settings parser, in the order the variables are checked
/// (the first bad one is the error): R2/S3 (`S3Settings`), PostgREST, Postgres, the catalog kind
/// (`R2S_CATALOG`, or the first table row the profile configures), then the table and actor.
public struct BackendSettings: Sendable, Equatable {
    public var s3: S3Settings
    public var postgrest: PostgRESTSettings
    public var postgres: PostgresSettings
    /// The `BackendTable.catalogs` row in use.
    public var catalogKind: String
    public var catalog: CatalogSettings

    /// Reads and validates `profile`.
    ///
    /// - Throws: `ConfigError(.invalidValue)` naming the first bad variable and its origin.
    public init(_ profile: Profile) throws {
        let values = Self.values(profile)
        s3 = try S3Settings(values)
        postgrest = try PostgRESTSettings(values)
        postgres = try PostgresSettings(values)
        catalogKind = try BackendTable.catalogKind(values)
        catalog = try CatalogSettings(values)
    }

    /// What the stores' parsers see of `profile`.
    static func values(_ profile: Profile) -> SettingValues {
        SettingValues(profileName: profile.name, values: profile.values, origins: profile.origins)
    }

    /// The active profile's settings, parsed once per profile state and kept in the session (a
    /// sync builds a bucket, a catalog and a url mapping from them); a profile that does not
    /// parse throws each time.
    static func of(_ context: ShellContext) throws -> BackendSettings {
        let profile = context.profile
        return try context.session.cached("backend-settings.\(profile.name).\(profile.stateHash)") {
            try BackendSettings(profile)
        }
    }

    /// What the shell prints and the modules read of these settings.
    var profileDescription: ProfileDescription {
        ProfileDescription(
            profileName: s3.profileName, bucket: s3.bucket, endpoint: s3.endpoint, catalogKind: catalogKind,
            table: catalog.table,
            implied: [
                "R2_ENDPOINT": .init(s3.endpoint, origin: s3.endpoint == nil ? "-" : "derived"),
                "R2_REGION": .init(s3.region, origin: "default"),
                "R2S_CATALOG": .init(catalogKind, origin: "default"),
                "R2S_TABLE": .init(catalog.table, origin: "default"),
            ])
    }
}

/// The describer the executable installs (`ProfileDescriptions.install`): `profile show`,
/// `profile ls` and the modules see a profile through the stores' parsers.
public struct BackendProfileDescriber: ProfileDescriber {
    public init() {}

    public func describe(_ profile: Profile) throws -> ProfileDescription {
        try BackendSettings(profile).profileDescription
    }

    public func impliedWhenInvalid(_ profile: Profile) -> [String: ProfileDescription.Implied] {
        [
            "R2_ENDPOINT": .init(nil, origin: "-"), "R2_REGION": .init("auto", origin: "default"),
            "R2S_CATALOG": .init(nil, origin: "default"), "R2S_TABLE": .init("storage", origin: "default"),
        ]
    }
}
