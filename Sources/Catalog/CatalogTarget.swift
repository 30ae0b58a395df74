/// Where a catalog store points, as its store type describes it (never a secret): the target
/// line a script prints before its first action and the `target` object of `--json` summaries.
public struct CatalogTarget: Sendable, Hashable {
    /// `postgres`, `postgrest` or `sqlite`.
    public var kind: String
    /// `host:port/db`, the REST host, or the SQLite file's path.
    public var location: String
    /// The table (`storage`, `schema.table`).
    public var table: String

    public init(kind: String, location: String, table: String) {
        self.kind = kind
        self.location = location
        self.table = table
    }
}
