public import Catalog
import FoundationEssentials
import HTTP
public import ObjectStore
public import R2SCore
import S3
public import Services
import Synchronization

/// The production `StorageServices`: turns the active profile's settings into a bucket, a
/// catalog and a url mapping, through the rows of `BackendTable`.
///
/// - Bucket: S3/R2 when `R2_ENDPOINT` or `R2_ACCOUNT_ID` is set, otherwise the embedded local
///   folder (`R2S_LOCAL_DIR`, default `<XDG data>/r2s/<profile>/bucket`).
/// - Catalog: `R2S_CATALOG` or the default `BackendTable` chooses (postgres if
///   `DATABASE_URL`, postgrest if `SUPABASE_URL`, else a SQLite file next to the local folder,
///   created on first use so the `local` profile needs no set-up).
/// - Mapping: `R2_PUBLIC_URL`; the local folder falls back to `https://local.r2s.invalid`
///   (a reserved, never-resolving name) so its rows still carry well-formed urls.
///
/// The profile is parsed once per profile state (`BackendSettings.of`, by each store's own
/// parser), and the stores are
/// built once per profile state and cached in the session; `profile use` and `set R2_…`
/// invalidate the cache. One libcurl `HTTPClient` (one transfer thread) serves all of them.
public final class ProfileServices: StorageServices {
    /// The public base the local folder uses when `R2_PUBLIC_URL` is unset.
    public static let localPublicBase = "https://local.r2s.invalid"

    private let http = Mutex<HTTPClient?>(nil)

    public init() {}

    public func objectStore(_ context: ShellContext) throws -> any ObjectStore {
        let input = try self.input(context)
        // Say where before touching anything (even when building the store fails).
        context.announceTarget()
        return try context.session.cached(cacheKey("objectStore", context)) { () throws -> any ObjectStore in
            try BackendTable.bucket(for: input.settings).make(input)
        }
    }

    public func catalog(_ context: ShellContext) throws -> any CatalogStore {
        let input = try self.input(context)
        context.announceTarget()
        return try context.session.cached(cacheKey("catalog", context)) { () throws -> any CatalogStore in
            try BackendTable.catalog(input.settings.catalogKind).make(input)
        }
    }

    public func keyMapping(_ context: ShellContext) throws -> KeyMapping {
        let settings = try BackendSettings.of(context).s3
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
        let input: BackendInput
        do {
            input = try self.input(context)
        } catch {
            target.problems.append(LocalizedText(en: "invalid settings", ptBR: "configuração inválida").resolve(context.language))
            return target
        }
        let bucket = BackendTable.bucket(for: input.settings)
        if let part = bucket.describe(input) {
            target.bucket = part
        } else {
            target.problems.append(bucket.missing.resolve(context.language))
        }
        if let catalog = BackendTable.catalog(input.settings.catalogKind).describe(input) {
            target.catalog = TargetDescription.Part(kind: catalog.kind, name: catalog.location, detail: catalog.table)
        } else {
            target.problems.append(LocalizedText(en: "catalog: not configured", ptBR: "catálogo: não configurado").resolve(context.language))
        }
        return target
    }

    /// The folder holding the local bucket and SQLite catalog of the active profile.
    public static func localDirectory(_ context: ShellContext) -> String {
        context.profile["R2S_LOCAL_DIR"] ?? context.session.paths.data + "/" + context.profile.name
    }

    /// The S3 configuration from the profile's parsed settings (not parsed a second time), with
    /// the shell's `retrying …` lines.
    static func s3Configuration(_ settings: S3Settings, _ context: ShellContext) throws -> S3Configuration {
        var configuration = try settings.configuration(retryDeadline: context.profile["R2S_RETRY_DEADLINE"])
        configuration.http.onRetry = retryReporter(context)
        return configuration
    }

    /// What the table's rows get: the settings parsed once, the local folder, the HTTP client.
    private func input(_ context: ShellContext) throws -> BackendInput {
        BackendInput(
            settings: try BackendSettings.of(context), context: context, localDirectory: Self.localDirectory(context),
            httpClient: { try self.httpClient() })
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
