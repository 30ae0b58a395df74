public import Testing

/// The bucket + catalog pairs the end-to-end suites (storage commands, sync) run against, one
/// case per pair the project supports; the catalog stores alone are `StoreKind`.
public enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    /// The embedded profile: a local folder and a SQLite file (temp dirs, no servers).
    case local = "local folder + SQLite"
    /// SeaweedFS (S3) and direct PostgreSQL.
    case postgres = "SeaweedFS + Postgres"
    /// SeaweedFS and the PostgREST-subset server (1,000-row cap) over PostgreSQL.
    case postgrest = "SeaweedFS + PostgREST"
    /// moto (a byte-exact S3 server: keys kept as written, like R2) and direct PostgreSQL.
    case moto = "moto + Postgres"

    public var testDescription: String { rawValue }

    /// The pairs whose bucket is SeaweedFS, one per server catalog (the watch suites: the Queues
    /// double sends SeaweedFS bucket events).
    public static let seaweedFS: [Backend] = [.postgres, .postgrest]

    /// The pair's catalog store.
    public var catalog: StoreKind {
        switch self {
        case .local: .sqlite
        case .postgres, .moto: .postgres
        case .postgrest: .postgrest
        }
    }
}
