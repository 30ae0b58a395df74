import Catalog
import CatalogPostgREST
import CatalogPostgres
import CatalogSQLite
import HTTP
import LocalStore
import ObjectStore
import R2SCore
import S3
import Services

/// What a row needs to build or describe its store: the profile's settings (parsed once, by
/// each store's own parser), the command's context, the profile's local folder and the
/// process's one HTTP client.
struct BackendInput {
    let settings: BackendSettings
    let context: ShellContext
    /// `R2S_LOCAL_DIR` or `<XDG data>/r2s/<profile>`.
    let localDirectory: String
    let httpClient: @Sendable () throws -> HTTPClient
}

/// A bucket backend: when the profile selects it, how to build it, how to describe it.
struct BucketBackend: Sendable {
    /// Whether the settings select this backend; the first row that does is used.
    let selects: @Sendable (BackendSettings) -> Bool
    let make: @Sendable (BackendInput) throws -> any ObjectStore
    /// Where it points, from the settings alone; `nil` with `missing` saying what is not set.
    let describe: @Sendable (BackendInput) -> TargetDescription.Part?
    let missing: LocalizedText
}

/// A catalog backend, chosen by `R2S_CATALOG`, else the first row the profile configures.
struct CatalogBackend: Sendable {
    /// Its `R2S_CATALOG` spelling (lowercase).
    let kind: String
    /// Whether the profile's (already validated) values configure it: the default kind.
    let isConfigured: @Sendable (SettingValues) -> Bool
    let make: @Sendable (BackendInput) throws -> any CatalogStore
    /// Where it points, from the settings alone; `nil` when the settings it needs are missing.
    let describe: @Sendable (BackendInput) -> CatalogTarget?
}

/// The production backends, one row each: a new backend is one target, one row here, and one
/// argument of the contract suite its tests run (docs/architecture.md, "A new backend").
enum BackendTable {
    /// In order of precedence: S3/R2 when an endpoint is configured, else the local folder.
    static let buckets: [BucketBackend] = [
        BucketBackend(
            selects: { $0.s3.endpoint != nil },
            make: { input in
                let client = try S3Client(configuration: try ProfileServices.s3Configuration(input.settings.s3, input.context))
                // A trash inside the main bucket is cut out of every listing (docs/trash.md).
                let trash = try? TrashLocation.of(
                    input.context.profile, described: input.settings.profileDescription, localDirectory: input.localDirectory)
                if let trash, case .bucket(_, _, true) = trash { return TrashHidingStore(base: client, location: trash) }
                return client
            },
            describe: { input in
                guard let endpoint = input.settings.s3.endpoint, let bucket = input.settings.s3.bucket else { return nil }
                return S3Client.target(endpoint: endpoint, bucket: bucket)
            },
            missing: LocalizedText(en: "bucket: R2_BUCKET not set", ptBR: "bucket: R2_BUCKET não definido")),
        BucketBackend(
            selects: { _ in true },
            make: { input in try LocalFolderStore(root: input.localDirectory + "/bucket") },
            describe: { input in TargetDescription.Part(kind: "folder", name: input.localDirectory + "/bucket") },
            missing: LocalizedText(en: "bucket: not configured", ptBR: "bucket: não configurado")),
    ]

    /// In order of precedence for the default kind: the first the profile configures.
    static let catalogs: [CatalogBackend] = [
        CatalogBackend(
            kind: "postgres",
            isConfigured: { (try? PostgresSettings($0))?.isConfigured == true },
            make: { input in
                try PostgresCatalog(url: input.settings.postgres.requireDatabaseURL(), table: input.settings.catalog.table)
            },
            describe: { input in
                input.settings.postgres.databaseURL.map { PostgresCatalog.target(url: $0, table: input.settings.catalog.table) }
            }),
        CatalogBackend(
            kind: "postgrest",
            isConfigured: { (try? PostgRESTSettings($0))?.isConfigured == true },
            make: { input in
                let supabase = try input.settings.postgrest.require()
                let console = input.context.console, language = input.context.language
                return try PostgRESTCatalog(
                    url: supabase.url, key: supabase.serviceRoleKey, table: input.settings.catalog.table,
                    transport: HTTPClientTransport(client: input.httpClient()),
                    warn: { text in
                        console.writeErrorLine(LocalizedText.warningPrefix.resolve(language) + " " + text.resolve(language))
                    })
            },
            describe: { input in
                input.settings.postgrest.url.map { PostgRESTCatalog.target(url: $0, table: input.settings.catalog.table) }
            }),
        CatalogBackend(
            kind: "sqlite",
            isConfigured: { _ in true },
            make: { input in
                try SQLiteCatalog(path: sqlitePath(input), table: input.settings.catalog.table, createTable: true)
            },
            describe: { input in SQLiteCatalog.target(path: sqlitePath(input), table: input.settings.catalog.table) }),
    ]

    /// The bucket row the settings select (the local folder selects any profile).
    static func bucket(for settings: BackendSettings) -> BucketBackend {
        buckets.first { $0.selects(settings) } ?? buckets[buckets.count - 1]
    }

    /// The catalog row of `kind`.
    static func catalog(_ kind: String) -> CatalogBackend {
        catalogs.first { $0.kind == kind } ?? catalogs[catalogs.count - 1]
    }

    /// `R2S_CATALOG` (one of the rows' kinds, any case), else the first row the profile configures.
    static func catalogKind(_ values: SettingValues) throws -> String {
        guard let kind = values.trimmed("R2S_CATALOG") else {
            return (catalogs.first { $0.isConfigured(values) } ?? catalogs[catalogs.count - 1]).kind
        }
        guard let row = catalogs.first(where: { $0.kind == kind.lowercased() }) else {
            let kinds = catalogs.map(\.kind)
            let en = kinds.dropLast().joined(separator: ", ") + " or " + (kinds.last ?? "")
            let pt = kinds.dropLast().joined(separator: ", ") + " ou " + (kinds.last ?? "")
            throw values.invalid("R2S_CATALOG", "must be \(en)", "deve ser \(pt)", example: en)
        }
        return row.kind
    }

    /// The SQLite file (`SQLiteSettings`: `R2S_SQLITE_PATH` or beside the local folder).
    private static func sqlitePath(_ input: BackendInput) -> String {
        SQLiteSettings(BackendSettings.values(input.context.profile), localDirectory: input.localDirectory).path
    }
}
