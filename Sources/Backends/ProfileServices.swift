public import Catalog
import FoundationEssentials
import CatalogPostgREST
import CatalogPostgres
import CatalogSQLite
import HTTP
import LocalStore
public import ObjectStore
public import R2SCore
import S3
public import Services
import Synchronization

/// The production `StorageServices`: turns the active profile's settings into a bucket, a
/// catalog and a url mapping.
///
/// - Bucket: S3/R2 when `R2_ENDPOINT` or `R2_ACCOUNT_ID` is set, otherwise the embedded local
///   folder (`R2S_LOCAL_DIR`, default `<XDG data>/r2s/<profile>/bucket`).
/// - Catalog: `R2S_CATALOG` or the default chosen by `ProfileSettings` (postgres if
///   `DATABASE_URL`, postgrest if `SUPABASE_URL`, else a SQLite file next to the local folder,
///   created on first use so the `local` profile needs no set-up).
/// - Mapping: `R2_PUBLIC_URL`; the local folder falls back to `https://local.r2s.invalid`
///   (a reserved, never-resolving name) so its rows still carry well-formed urls.
///
/// Stores are built once per profile state and cached in the session; `profile use` and `set
/// R2_…` invalidate the cache. One libcurl `HTTPClient` (one transfer thread) serves all of them.
public final class ProfileServices: StorageServices {
    /// The public base the local folder uses when `R2_PUBLIC_URL` is unset.
    public static let localPublicBase = "https://local.r2s.invalid"

    private let http = Mutex<HTTPClient?>(nil)

    public init() {}

    public func objectStore(_ context: ShellContext) throws -> any ObjectStore {
        let settings = try ProfileSettings(context.profile)
        // Say where before touching anything (even when building the store fails).
        context.announceTarget()
        return try context.session.cached(cacheKey("objectStore", context)) { () throws -> any ObjectStore in
            if settings.endpoint != nil {
                var configuration = try S3Configuration(settings: context.profile.values)
                configuration.http.onRetry = Self.retryReporter(context)
                let client = try S3Client(configuration: configuration)
                // A trash inside the main bucket is cut out of every listing (docs/trash.md).
                let trash = try? TrashLocation.of(context.profile, localDirectory: Self.localDirectory(context))
                if let trash, case .bucket(_, _, true) = trash { return TrashHidingStore(base: client, location: trash) }
                return client
            }
            return try LocalFolderStore(root: Self.localDirectory(context) + "/bucket")
        }
    }

    public func catalog(_ context: ShellContext) throws -> any CatalogStore {
        let settings = try ProfileSettings(context.profile)
        context.announceTarget()
        return try makeCatalog(context, settings)
    }

    private func makeCatalog(_ context: ShellContext, _ settings: ProfileSettings) throws -> any CatalogStore {
        try context.session.cached(cacheKey("catalog", context)) { () throws -> any CatalogStore in
            switch settings.catalog {
            case .postgres:
                return try PostgresCatalog(url: settings.requireDatabaseURL(), table: settings.table)
            case .postgrest:
                let supabase = try settings.requireSupabase()
                let console = context.console
                let language = context.language
                return try PostgRESTCatalog(
                    url: supabase.url, key: supabase.serviceRoleKey, table: settings.table,
                    transport: HTTPClientTransport(client: httpClient()),
                    warn: { text in console.writeErrorLine((language == .ptBR ? "aviso: " : "warning: ") + text.resolve(language)) })
            case .sqlite:
                let path = context.profile["R2S_SQLITE_PATH"] ?? Self.localDirectory(context) + "/catalog.sqlite"
                return try SQLiteCatalog(path: path, table: settings.table, createTable: true)
            }
        }
    }

    public func keyMapping(_ context: ShellContext) throws -> KeyMapping {
        let settings = try ProfileSettings(context.profile)
        let alternates = (context.profile["R2S_URL_BASES"] ?? "").split(separator: ",").map {
            String($0).trimmingCharacters(in: " ")
        }
        if let base = settings.publicURL { return KeyMapping(publicBase: base, alternateBases: alternates) }
        if settings.endpoint == nil { return KeyMapping(publicBase: Self.localPublicBase, alternateBases: alternates) }
        throw ConfigError(
            .missingValue,
            LocalizedText(
                en: "R2_PUBLIC_URL is not set in profile '\(context.profile.name)'",
                ptBR: "R2_PUBLIC_URL não está definido no perfil '\(context.profile.name)'"),
            hint: LocalizedText(
                en: "set R2_PUBLIC_URL to the bucket's public base (the prefix of the urls in the catalog)",
                ptBR: "defina R2_PUBLIC_URL com a base pública do bucket (o prefixo das urls do catálogo)"))
    }

    /// Where the active profile points, described by each store type from the settings alone
    /// (nothing is opened or contacted); `nil` never — a side that is not configured is named
    /// in `problems`. Installed as the session's target describer by the executable.
    public func describeTarget(_ context: ShellContext) -> TargetDescription {
        let profile = context.profile
        var target = TargetDescription(profile: profile.name)
        if profile.isFallback { target.fallbackPath = Self.localDirectory(context) }
        let settings: ProfileSettings
        do {
            settings = try ProfileSettings(profile)
        } catch {
            target.problems.append(context.language == .ptBR ? "configuração inválida" : "invalid settings")
            return target
        }
        if let endpoint = settings.endpoint {
            if let bucket = settings.bucket {
                target.bucket = S3Client.target(endpoint: endpoint, bucket: bucket)
            } else {
                target.problems.append(context.language == .ptBR ? "bucket: R2_BUCKET não definido" : "bucket: R2_BUCKET not set")
            }
        } else {
            target.bucket = TargetDescription.Part(kind: "folder", name: Self.localDirectory(context) + "/bucket")
        }
        let catalog: CatalogTarget?
        switch settings.catalog {
        case .postgres: catalog = settings.databaseURL.map { PostgresCatalog.target(url: $0, table: settings.table) }
        case .postgrest: catalog = settings.supabaseURL.map { PostgRESTCatalog.target(url: $0, table: settings.table) }
        case .sqlite:
            let path = profile["R2S_SQLITE_PATH"] ?? Self.localDirectory(context) + "/catalog.sqlite"
            catalog = SQLiteCatalog.target(path: path, table: settings.table)
        }
        if let catalog {
            target.catalog = TargetDescription.Part(kind: catalog.kind, name: catalog.location, detail: catalog.table)
        } else {
            target.problems.append(context.language == .ptBR ? "catálogo: não configurado" : "catalog: not configured")
        }
        return target
    }

    /// The folder holding the local bucket and SQLite catalog of the active profile.
    public static func localDirectory(_ context: ShellContext) -> String {
        context.profile["R2S_LOCAL_DIR"] ?? context.session.paths.data + "/" + context.profile.name
    }

    /// The process's one HTTP client (created on first use: `r2s -c help` never starts curl).
    private func httpClient() throws -> HTTPClient {
        try http.withLock { client in
            if let client { return client }
            let made = try HTTPClient(configuration: HTTPClient.Configuration())
            client = made
            return made
        }
    }

    /// Cache slots are per profile *state*, so `set R2_BUCKET …` (which also invalidates) and
    /// `profile use` can never hand out a store built for other settings.
    func cacheKey(_ what: String, _ context: ShellContext) -> String {
        var hasher = Hasher()
        for (k, v) in context.profile.values.sorted(by: { $0.key < $1.key }) {
            hasher.combine(k)
            hasher.combine(v)
        }
        return "services.\(what).\(context.profile.name).\(hasher.finalize())"
    }
}
