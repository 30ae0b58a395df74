/// The settings of a profile, typed and validated. Construct it when a command needs the
/// settings (`try ProfileSettings(context.profile)`): a bad value is then a `ConfigError` that
/// names the variable and where it came from, while commands that need nothing (help) still run.
public struct ProfileSettings: Sendable, Equatable {
    /// Where the file catalog lives.
    public enum CatalogKind: String, Sendable, CaseIterable {
        /// Direct PostgreSQL connection (`DATABASE_URL`).
        case postgres
        /// Supabase's REST API (`SUPABASE_URL` + `SUPABASE_SERVICE_ROLE_KEY`).
        case postgrest
        /// A local SQLite file (the embedded `local` profile).
        case sqlite
    }

    public var profileName: String
    public var accountID: String?
    public var jurisdiction: String?
    /// The S3 endpoint: `R2_ENDPOINT`, else derived from the account (and jurisdiction).
    public var endpoint: String?
    public var accessKeyID: String?
    public var secretAccessKey: String?
    public var bucket: String?
    public var publicURL: String?
    /// SigV4 region; R2 uses `auto` (the default).
    public var region: String
    public var supabaseURL: String?
    public var supabaseServiceRoleKey: String?
    public var databaseURL: String?
    public var catalog: CatalogKind
    /// The catalog table (default `storage`; `schema.table` allowed).
    public var table: String
    /// The uuid written to `created_by`/`updated_by` (lowercase), if set.
    public var actor: String?

    /// Reads and validates `profile`.
    ///
    /// - Throws: `ConfigError(.invalidValue)` naming the first bad variable.
    public init(_ profile: Profile) throws {
        func value(_ key: String) -> String? { profile[key]?.trimmingCharacters(in: " \t\r\n") }
        func invalid(_ key: String, _ en: String, _ pt: String, example: String) -> ConfigError {
            let origin = profile.origins[key].map { " (\($0))" } ?? ""
            return ConfigError(
                .invalidValue,
                LocalizedText(en: "\(key)\(origin) \(en)", ptBR: "\(key)\(origin) \(pt)"),
                hint: LocalizedText(en: "set \(key) to \(example), then run `profile show`",
                                    ptBR: "defina \(key) como \(example) e rode `profile show`"))
        }

        profileName = profile.name
        accountID = value("R2_ACCOUNT_ID")
        if let accountID, !accountID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw invalid("R2_ACCOUNT_ID", "is not an account id", "não é um id de conta",
                          example: "the 32-character id from the Cloudflare dashboard")
        }
        switch R2Jurisdiction.meaning(of: value("R2_JURISDICTION")) {
        case .none: jurisdiction = nil
        case .label(let label): jurisdiction = label
        case .invalid:
            throw invalid("R2_JURISDICTION", "is not a jurisdiction", "não é uma jurisdição",
                          example: "eu, fedramp or us (or leave it unset)")
        }
        if let explicit = value("R2_ENDPOINT") {
            guard Self.isHTTPURL(explicit) else {
                throw invalid("R2_ENDPOINT", "is not an http(s) URL", "não é uma URL http(s)",
                              example: "https://ACCOUNT_ID.r2.cloudflarestorage.com")
            }
            endpoint = explicit.hasSuffix("/") ? String(explicit.dropLast()) : explicit
        } else if let accountID {
            endpoint = "https://\(accountID)" + (jurisdiction.map { ".\($0)" } ?? "") + ".r2.cloudflarestorage.com"
        }
        accessKeyID = value("R2_ACCESS_KEY_ID")
        secretAccessKey = profile["R2_SECRET_ACCESS_KEY"]
        bucket = value("R2_BUCKET")
        publicURL = value("R2_PUBLIC_URL")
        if let publicURL, !Self.isHTTPURL(publicURL) {
            throw invalid("R2_PUBLIC_URL", "is not an http(s) URL", "não é uma URL http(s)",
                          example: "the bucket's public base, e.g. https://pub-….r2.dev")
        }
        region = value("R2_REGION") ?? "auto"
        supabaseURL = value("SUPABASE_URL")
        if let supabaseURL, !Self.isHTTPURL(supabaseURL) {
            throw invalid("SUPABASE_URL", "is not an http(s) URL", "não é uma URL http(s)",
                          example: "https://PROJECT.supabase.co")
        }
        supabaseServiceRoleKey = profile["SUPABASE_SERVICE_ROLE_KEY"]
        databaseURL = value("DATABASE_URL")
        if let databaseURL, !(databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://")) {
            throw invalid("DATABASE_URL", "is not a postgres:// URL", "não é uma URL postgres://",
                          example: "postgres://USER:PASSWORD@HOST:5432/postgres")
        }
        // Checked here, not by libpq: libpq's parse errors quote the whole URL, password included.
        if let databaseURL, let problem = DatabaseURLCheck.problem(databaseURL) {
            throw invalid("DATABASE_URL", problem.en, problem.ptBR, example: "postgres://USER:****@HOST:5432/postgres with the password percent-encoded")
        }
        if let kind = value("R2S_CATALOG") {
            guard let parsed = CatalogKind(rawValue: kind.lowercased()) else {
                throw invalid("R2S_CATALOG", "must be postgres, postgrest or sqlite", "deve ser postgres, postgrest ou sqlite",
                              example: "postgres, postgrest or sqlite")
            }
            catalog = parsed
        } else {
            catalog = databaseURL != nil ? .postgres : supabaseURL != nil ? .postgrest : .sqlite
        }
        table = value("R2S_TABLE") ?? "storage"
        guard Self.isTableName(table) else {
            throw invalid("R2S_TABLE", "is not a table name", "não é um nome de tabela", example: "storage or public.storage")
        }
        actor = value("R2S_ACTOR")?.lowercased()
        if let actor, !Self.isUUID(actor) {
            throw invalid("R2S_ACTOR", "is not a uuid", "não é um uuid", example: "your user's uuid (8-4-4-4-12 hex digits)")
        }
    }

    /// `R2_ENDPOINT` (or `R2_ACCOUNT_ID`), or a `missingValue` error saying what to set.
    public func requireEndpoint() throws -> String {
        guard let endpoint else { throw Self.missing("R2_ENDPOINT", or: "R2_ACCOUNT_ID", profile: profileName) }
        return endpoint
    }

    /// `R2_BUCKET`, or a `missingValue` error.
    public func requireBucket() throws -> String {
        guard let bucket else { throw Self.missing("R2_BUCKET", or: nil, profile: profileName) }
        return bucket
    }

    /// The access key pair, or a `missingValue` error naming the missing half.
    public func requireCredentials() throws -> (accessKeyID: String, secretAccessKey: String) {
        guard let accessKeyID else { throw Self.missing("R2_ACCESS_KEY_ID", or: nil, profile: profileName) }
        guard let secretAccessKey else { throw Self.missing("R2_SECRET_ACCESS_KEY", or: nil, profile: profileName) }
        return (accessKeyID, secretAccessKey)
    }

    /// `DATABASE_URL`, or a `missingValue` error.
    public func requireDatabaseURL() throws -> String {
        guard let databaseURL else { throw Self.missing("DATABASE_URL", or: nil, profile: profileName) }
        return databaseURL
    }

    /// `SUPABASE_URL` and the service-role key, or a `missingValue` error.
    public func requireSupabase() throws -> (url: String, serviceRoleKey: String) {
        guard let supabaseURL else { throw Self.missing("SUPABASE_URL", or: nil, profile: profileName) }
        guard let key = supabaseServiceRoleKey else { throw Self.missing("SUPABASE_SERVICE_ROLE_KEY", or: nil, profile: profileName) }
        return (supabaseURL, key)
    }

    static func missing(_ key: String, or other: String?, profile: String) -> ConfigError {
        let alternative = other.map { " (or \($0))" } ?? ""
        let alternativa = other.map { " (ou \($0))" } ?? ""
        return ConfigError(
            .missingValue,
            LocalizedText(en: "\(key)\(alternative) is not set in profile '\(profile)'",
                          ptBR: "\(key)\(alternativa) não está definido no perfil '\(profile)'"),
            hint: LocalizedText(
                en: "set it in the environment, a .env file or the config file (docs/configuration.md)",
                ptBR: "defina no ambiente, num arquivo .env ou no arquivo de configuração (docs/configuration.md)"))
    }

    static func isHTTPURL(_ s: String) -> Bool {
        (s.hasPrefix("https://") && s.count > 8) || (s.hasPrefix("http://") && s.count > 7)
    }

    static func isTableName(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            guard let first = part.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
            return part.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        }
    }

    /// 8-4-4-4-12 hexadecimal digits.
    public static func isUUID(_ s: String) -> Bool {
        let groups = s.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
