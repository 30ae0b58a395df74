/// The expected shape of the catalog table, the DDL that creates it, and the comparison
/// `catalog check` runs against a live table.
public enum CatalogSchema {
    /// One expected column.
    public struct Column: Sendable, Hashable {
        public var name: String
        /// The type as PostgreSQL's `format_type` / PostgREST's OpenAPI `format` reports it.
        public var postgresType: String
        /// The declared type r2s uses in SQLite.
        public var sqliteType: String
    }

    /// The columns of the original system's `storage` table, in order.
    public static let columns: [Column] = [
        Column(name: "id", postgresType: "uuid", sqliteType: "TEXT"),
        Column(name: "nome", postgresType: "text", sqliteType: "TEXT"),
        Column(name: "url", postgresType: "text", sqliteType: "TEXT"),
        Column(name: "content_type", postgresType: "text", sqliteType: "TEXT"),
        Column(name: "size", postgresType: "integer", sqliteType: "INTEGER"),
        Column(name: "tipo_referencia", postgresType: "text", sqliteType: "TEXT"),
        Column(name: "referencia_id", postgresType: "uuid", sqliteType: "TEXT"),
        Column(name: "created_at", postgresType: "timestamp with time zone", sqliteType: "TEXT"),
        Column(name: "updated_at", postgresType: "timestamp with time zone", sqliteType: "TEXT"),
        Column(name: "created_by", postgresType: "uuid", sqliteType: "TEXT"),
        Column(name: "updated_by", postgresType: "uuid", sqliteType: "TEXT"),
        Column(name: "deleted_at", postgresType: "timestamp with time zone", sqliteType: "TEXT"),
    ]

    /// The column list r2s selects, in `CatalogRecord` order.
    public static let selectList = columns.map(\.name).joined(separator: ", ")

    /// PostgreSQL DDL: the original system's table, verbatim but for the configurable name, plus
    /// an index on `url` for prefix scans (`text_pattern_ops` serves `LIKE 'p%'` under any
    /// collation). With `withUsuarios`, first `uuid-ossp` and a minimal `usuarios` (dev databases).
    public static func postgresDDL(_ table: CatalogTable, withUsuarios: Bool) -> [String] {
        var out: [String] = []
        if withUsuarios {
            out.append("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"")
            out.append(
                "CREATE TABLE IF NOT EXISTS usuarios (id UUID PRIMARY KEY DEFAULT uuid_generate_v4(), nome TEXT, email TEXT UNIQUE)")
        }
        out.append(
            """
            CREATE TABLE \(table.quoted) (
              id UUID PRIMARY KEY DEFAULT uuid_generate_v4(), nome TEXT NOT NULL, url TEXT NOT NULL,
              content_type TEXT, size INTEGER, tipo_referencia TEXT, referencia_id UUID,
              created_at TIMESTAMPTZ DEFAULT NOW(), updated_at TIMESTAMPTZ DEFAULT NOW(),
              created_by UUID REFERENCES usuarios(id), updated_by UUID REFERENCES usuarios(id),
              deleted_at TIMESTAMPTZ)
            """)
        out.append(urlIndexSQL(table))
        return out
    }

    /// The table of leases: the sync lock of every table, whatever path reaches it (direct
    /// Postgres, a pooler, PostgREST). See `LeaseLock` and docs/catalog.md.
    public static let locksTable = "r2s_locks"

    /// DDL of `r2s_locks`: one row per held lease, with an expiry its holder renews. `host`,
    /// `pid` and `token` were added after the first version (see `locksUpgradeSQL`).
    public static let locksDDL =
        "CREATE TABLE IF NOT EXISTS r2s_locks (name TEXT PRIMARY KEY, holder TEXT NOT NULL, acquired_at TIMESTAMPTZ NOT NULL DEFAULT now(), expires_at TIMESTAMPTZ NOT NULL, host TEXT, pid INTEGER, token TEXT)"

    /// The columns of `r2s_locks` with their `format_type`, as `catalog check` expects them.
    public static let locksColumns: [(name: String, type: String)] = [
        ("name", "text"), ("holder", "text"), ("acquired_at", "timestamp with time zone"),
        ("expires_at", "timestamp with time zone"), ("host", "text"), ("pid", "integer"), ("token", "text"),
    ]

    /// Brings an `r2s_locks` of the first version up to date (idempotent; rows are kept).
    public static let locksUpgradeSQL =
        "ALTER TABLE r2s_locks ADD COLUMN IF NOT EXISTS host TEXT, ADD COLUMN IF NOT EXISTS pid INTEGER, ADD COLUMN IF NOT EXISTS token TEXT"

    /// Compares the live columns of `r2s_locks` (nil: the table is missing) with the expected ones.
    public static func compareLocks(live: [String: String]?) -> [SchemaReport.Finding] {
        guard let live, !live.isEmpty else {
            return [
                .init(
                    severity: .error, message: "table \(locksTable) does not exist: syncs over different paths cannot exclude each other",
                    fixSQL: locksDDL + ";")
            ]
        }
        let missing = locksColumns.filter { live[$0.name] == nil }.map(\.name)
        guard !missing.isEmpty else { return [] }
        return [
            .init(
                severity: .error, message: "table \(locksTable) lacks the columns \(missing.joined(separator: ", ")) (an older r2s made it)",
                fixSQL: locksUpgradeSQL + ";")
        ]
    }

    /// The `CREATE INDEX` `catalog check` suggests when `url` has none.
    public static func urlIndexSQL(_ table: CatalogTable) -> String {
        "CREATE INDEX \(table.quoted(suffix: "_url_idx")) ON \(table.quoted) (url text_pattern_ops)"
    }

    /// The fix for a 32-bit `size`.
    public static func widenSizeSQL(_ table: CatalogTable) -> String {
        "ALTER TABLE \(table.quoted) ALTER COLUMN size TYPE BIGINT"
    }

    /// Compares live columns (name → type as `format_type`/OpenAPI reports it) with the expected
    /// ones. Returns the findings and the largest value `size` can hold.
    public static func compare(
        live: [String: String], table: CatalogTable, sqlite: Bool = false
    ) -> (findings: [SchemaReport.Finding], maxSize: Int64) {
        var findings: [SchemaReport.Finding] = []
        var maxSize = Int64.max
        for column in columns {
            guard let type = live[column.name] else {
                findings.append(.init(severity: .error, message: "column \(column.name) is missing"))
                continue
            }
            let expected = sqlite ? column.sqliteType : column.postgresType
            let actual = sqlite ? type.uppercased() : type.lowercased()
            if column.name == "size" {
                maxSize = sizeLimit(forType: actual) ?? Int64.max
                if maxSize == Int64(Int32.max) {
                    findings.append(
                        .init(
                            severity: .warning,
                            message: "size is INTEGER: files above 2,147,483,647 bytes (2 GiB) cannot be cataloged",
                            fixSQL: widenSizeSQL(table) + ";"))
                } else if sizeLimit(forType: actual) == nil {
                    findings.append(.init(severity: .error, message: "column size has type \(type), expected an integer type"))
                }
                continue
            }
            if !typeMatches(expected: expected, actual: actual) {
                findings.append(
                    .init(severity: .error, message: "column \(column.name) has type \(type), expected \(expected)"))
            }
        }
        let known = Set(columns.map(\.name))
        for extra in live.keys.sorted() where !known.contains(extra) {
            findings.append(.init(severity: .info, message: "extra column \(extra) (left alone)"))
        }
        return (findings, maxSize)
    }

    /// Largest `size` value for a column type; `nil` for a non-integer type.
    public static func sizeLimit(forType type: String) -> Int64? {
        switch type.lowercased() {
        case "integer", "int", "int4", "serial": Int64(Int32.max)
        case "smallint", "int2": Int64(Int16.max)
        case "bigint", "int8", "bigserial": Int64.max
        case "numeric": Int64.max
        default: nil
        }
    }

    static func typeMatches(expected: String, actual: String) -> Bool {
        if expected == actual { return true }
        // varchar is a compatible spelling of text for r2s's purposes.
        if expected == "text" { return actual.hasPrefix("character varying") || actual == "varchar" }
        if expected == "timestamp with time zone" { return actual == "timestamptz" }
        return false
    }
}
