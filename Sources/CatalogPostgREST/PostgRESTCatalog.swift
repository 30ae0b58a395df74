public import Catalog
import FoundationEssentials
public import UserFacing
import Synchronization

/// The catalog over Supabase's REST API (PostgREST): `<SUPABASE_URL>/rest/v1/<table>`.
///
/// - Headers: `apikey` always; `Authorization: Bearer` only for JWT keys (legacy anon /
///   service_role), never for `sb_secret_…`/`sb_publishable_…` keys; `User-Agent: r2s/<version>`.
/// - Reads: id ranges (`id=gt.<lower>&id=lte.<upper>`, `order=id.asc`, `limit` ≤ 1,000), each
///   checked against the server's `Prefer: count=exact` count of the same range in the same
///   snapshot (`RangeReader`), so concurrent app writes never fail a read while a response cut
///   short (Supabase's max-rows, a proxy) throws `CatalogError.incompleteRead`.
/// - Writes: one JSON array per insert request (`return=representation,missing=default`), PATCH
///   with `id=in.(…)` in batches of 100 ids (URL length) for soft-delete/restore. Timestamps of
///   PATCHes come from this machine's clock (PostgREST cannot send `now()`).
/// - No transactions: `withTransaction` runs writes request by request (`supportsTransactions`
///   is false); each request is atomic on its own.
/// - Sync lock: the table's lease row in `r2s_locks` (`LeaseLock`), the same one direct
///   Postgres takes. Without that table no sync runs: `catalog init --upgrade` (or its SQL)
///   creates it.
public final class PostgRESTCatalog: CatalogStore {
    /// The table.
    public let table: CatalogTable
    /// `<base>/rest/v1`.
    public let restURL: String
    let key: String
    let keyKind: APIKeyKind
    let transport: any PostgRESTTransport
    let userAgent: String
    let warn: @Sendable (LocalizedText) -> Void
    /// Rows per page and per insert request (≤ Supabase's default max-rows).
    let maxRows: Int
    let sizeLimitCache = Mutex<Int64??>(nil)

    /// - Parameters:
    ///   - url: `SUPABASE_URL` (`https://<ref>.supabase.co`), with or without `/rest/v1`.
    ///   - key: the API key (secret `sb_secret_…` or legacy service_role JWT to bypass RLS).
    ///   - warn: where non-fatal warnings go (the shell's `context.warn`).
    public init(
        url: String, key: String, table: String = CatalogTable.defaultName, transport: any PostgRESTTransport,
        version: String = R2SVersion.current, maxRows: Int = 1000, warn: @escaping @Sendable (LocalizedText) -> Void = { _ in }
    ) throws(CatalogError) {
        self.table = try CatalogTable(table)
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/rest/v1") { base.removeLast("/rest/v1".count) }
        guard base.hasPrefix("http://") || base.hasPrefix("https://") else {
            throw CatalogError.invalid("SUPABASE_URL must start with https:// (got '\(url.prefix(60))')")
        }
        guard !key.isEmpty else {
            throw CatalogError(
                .authentication, LocalizedText(en: "no Supabase API key configured", ptBR: "nenhuma chave de API do Supabase configurada"),
                hint: "set SUPABASE_KEY (or SUPABASE_SERVICE_ROLE_KEY) to the project's secret key")
        }
        self.restURL = base + "/rest/v1"
        self.key = key
        self.keyKind = APIKeyKind(key)
        self.transport = transport
        self.userAgent = "r2s/\(version)"
        self.maxRows = max(1, min(maxRows, 1000))
        self.warn = warn
    }

    public var displayName: String { "\(restURL)/\(table.name) (\(keyKind.label))" }

    var endpoint: String { restURL + "/" + table.name }

    // MARK: - Requests

    /// Sends one request with the auth headers; non-2xx statuses become `CatalogError`s.
    func request(
        _ method: String, _ url: String, prefer: [String] = [], body: [UInt8]? = nil, idempotent: Bool = true,
        allow: Set<Int> = []
    ) async throws -> PostgRESTResponse {
        var headers: [(name: String, value: String)] = [("apikey", key), ("User-Agent", userAgent), ("Accept", "application/json")]
        if keyKind.isJWT { headers.append(("Authorization", "Bearer " + key)) }
        if !prefer.isEmpty { headers.append(("Prefer", prefer.joined(separator: ","))) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let response: PostgRESTResponse
        do {
            response = try await transport.send(PostgRESTRequest(method: method, url: url, headers: headers, body: body, idempotent: idempotent))
        } catch let error as CatalogError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw CatalogError(
                .connection,
                LocalizedText(en: "cannot reach \(restURL): \(Self.describe(error))", ptBR: "não foi possível acessar \(restURL): \(Self.describe(error))"),
                hint: "check SUPABASE_URL and the network")
        }
        guard response.isSuccess || allow.contains(response.status) else { throw map(response) }
        return response
    }

    /// A transport error's description, which never holds request headers.
    static func describe(_ error: any Error) -> String {
        String(describing: error).prefix(200).description
    }

    /// True when the key bypasses row-level security (secret or service_role).
    var bypassesRLS: Bool { keyKind.bypassesRLS }

    func warnIfRLS(_ what: String) {
        guard !bypassesRLS else { return }
        warn(
            LocalizedText(
                en: "\(what) with a \(keyKind.label) key: row-level security may be hiding rows; use the secret key (sb_secret_…) or service_role",
                ptBR: "\(what) com uma chave \(keyKind.label): a segurança por linha (RLS) pode estar escondendo linhas; use a chave secreta (sb_secret_…) ou service_role"
            ))
    }
}

/// What kind of Supabase API key this is (decides the `Authorization` header and RLS hints).
enum APIKeyKind: Sendable, Equatable {
    case secret, publishable
    case jwt(role: String?)
    case other

    init(_ key: String) {
        if key.hasPrefix("sb_secret_") {
            self = .secret
        } else if key.hasPrefix("sb_publishable_") {
            self = .publishable
        } else if Self.looksLikeJWT(key) {
            self = .jwt(role: Self.role(key))
        } else {
            self = .other
        }
    }

    /// Three non-empty base64url segments separated by dots.
    static func looksLikeJWT(_ key: String) -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3
            && parts.allSatisfy { p in
                !p.isEmpty && p.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || $0 == "-" || $0 == "_" || ("0"..."9").contains($0) }
            }
    }

    /// The `role` claim of a JWT payload (not verified: only used for hints).
    static func role(_ key: String) -> String? {
        let parts = key.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var b64 = String(parts[1]).replacing("-", with: "+").replacing("_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64),
            let claims = try? JSONDecoder().decode([String: JSONScalar].self, from: data),
            case .string(let role)? = claims["role"]
        else { return nil }
        return role
    }

    var isJWT: Bool { if case .jwt = self { true } else { false } }

    var bypassesRLS: Bool {
        switch self {
        case .secret: true
        case .jwt(let role): role == "service_role"
        default: false
        }
    }

    var label: String {
        switch self {
        case .secret: "secret"
        case .publishable: "publishable"
        case .jwt(let role): role.map { "\($0) JWT" } ?? "JWT"
        case .other: "custom"
        }
    }
}

/// A JSON value that is not an object or array (enough to read JWT claims).
enum JSONScalar: Decodable {
    case string(String), number(Double), bool(Bool), null, other

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else {
            self = .other
        }
    }
}
