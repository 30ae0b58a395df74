/// Where the active profile points — bucket and catalog — for the one target line a script
/// prints before its first action, the `target` object of `--json` summaries and the
/// interactive banner. The stores describe themselves (the wiring fills this in); the shell
/// only prints it. Never holds a secret: hosts, database and bucket names, paths.
public struct TargetDescription: Sendable, Hashable {
    /// One side of the target (the bucket or the catalog).
    public struct Part: Sendable, Hashable {
        /// `s3` or `folder`; `postgres`, `postgrest` or `sqlite`.
        public var kind: String
        /// Bucket name or folder path; `host/db`, the REST host or the SQLite path.
        public var name: String
        /// The endpoint host for S3; the table for a catalog.
        public var detail: String?

        public init(kind: String, name: String, detail: String? = nil) {
            self.kind = kind
            self.name = name
            self.detail = detail
        }
    }

    /// The active profile's name.
    public var profile: String
    /// The profile is the embedded `local` because nothing is configured: the path it uses.
    public var fallbackPath: String?
    public var bucket: Part?
    public var catalog: Part?
    /// Why a side could not be described (not configured), e.g. "catalog: DATABASE_URL is not set".
    public var problems: [String]

    public init(profile: String, fallbackPath: String? = nil, bucket: Part? = nil, catalog: Part? = nil, problems: [String] = []) {
        self.profile = profile
        self.fallbackPath = fallbackPath
        self.bucket = bucket
        self.catalog = catalog
        self.problems = problems
    }

    /// `profile prod → bucket media @ host, catalog postgres host/db table storage`.
    public func line(_ language: Language) -> String {
        let pt = language == .ptBR
        var text = (pt ? "perfil " : "profile ") + profile
        if let fallbackPath {
            text += pt ? " (nenhuma configuração encontrada: usando \(fallbackPath))"
                : " (no configuration found: using \(fallbackPath))"
        }
        var sides: [String] = []
        if let bucket {
            switch bucket.kind {
            case "folder": sides.append((pt ? "pasta " : "folder ") + bucket.name)
            default: sides.append("bucket \(bucket.name)" + (bucket.detail.map { " @ \($0)" } ?? ""))
            }
        }
        if let catalog {
            let table = catalog.detail.map { (pt ? " tabela " : " table ") + $0 } ?? ""
            sides.append((pt ? "catálogo " : "catalog ") + "\(catalog.kind) \(catalog.name)" + table)
        }
        sides += problems
        return sides.isEmpty ? text : text + " → " + sides.joined(separator: ", ")
    }
}
