public import Catalog
import Postgres

extension PostgresCatalog {
    /// The bounds of `pg_stats.histogram_bounds` for the table's `url` column (about 100 urls
    /// that cut the table's urls into equal parts; autovacuum's ANALYZE keeps them), under
    /// `query.urlPrefixes`. One catalog lookup, no row read: a parallel listing starts from these
    /// cuts instead of one stream (docs/scale.md §1). The bounds follow the column's collation;
    /// the caller orders them by bytes. Empty when the table was never analysed.
    public func urlHistogram(_ query: RecordQuery) async throws -> [String] {
        // `histogram_bounds` is `anyarray`: through text to `text[]`, one bound per row.
        let sql = """
            SELECT b FROM pg_stats s, unnest(s.histogram_bounds::text::text[]) AS b
            WHERE s.attname = 'url' AND s.tablename = $1
              AND s.schemaname = (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                  WHERE c.oid = to_regclass($2))
            """
        let params: [String?] = [table.name, table.quoted]
        let bounds = try await access { c in
            let r = try c.execute(sql, params)
            return (0..<r.rowCount).compactMap { r.string($0, 0) }
        }
        let prefixes = query.urlPrefixes
        return prefixes.isEmpty ? bounds : bounds.filter { url in prefixes.contains { url.utf8.starts(with: $0.utf8) } }
    }
}
