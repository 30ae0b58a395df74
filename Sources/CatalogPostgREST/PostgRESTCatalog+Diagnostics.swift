public import Catalog

extension PostgRESTCatalog: CatalogDiagnostics {
    /// From the kind of API key, without contacting the server: Supabase `sb_secret_…` keys and
    /// `service_role` JWTs bypass RLS; publishable keys and `anon`/`authenticated` JWTs do not;
    /// anything else (a custom key, a JWT of another role) is unknown.
    public var bypassesRowLevelSecurity: Bool? {
        switch keyKind {
        case .secret: true
        case .publishable: false
        case .jwt(let role) where role == "service_role": true
        case .jwt(let role) where role == "anon" || role == "authenticated": false
        case .jwt, .other: nil
        }
    }
}
