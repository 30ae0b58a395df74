public import Catalog
import Postgres
import UserFacing
import Synchronization

extension PostgresCatalog {
    public func initialize(withUsuarios: Bool) async throws {
        let table = self.table
        try await atomically { c in
            if try c.execute("SELECT to_regclass($1) IS NOT NULL", [table.quoted]).string(0, 0) == "t" {
                throw CatalogError.tableExists(
                    table,
                    hint: LocalizedText(
                        en: "run `catalog check` to compare it with the expected schema, and `catalog init --upgrade` to add what is missing",
                        ptBR: "rode `catalog check` para compará-la com o esquema esperado, e `catalog init --upgrade` para adicionar o que falta"))
            }
            // r2s_locks too, so the same catalog reached over PostgREST can hold a sync lock.
            // The run tables only when missing: DDL on a shared table, even `IF NOT EXISTS`, is
            // not free when many catalogs are initialised at once.
            let runs = try Self.columns(c, of: CatalogSchema.runLeasesTable).isEmpty ? CatalogSchema.runsDDL() : []
            for statement in CatalogSchema.postgresDDL(table, withUsuarios: withUsuarios) + [CatalogSchema.locksDDL] + runs {
                try c.execute(statement)
            }
        }
        sizeLimitCache.withLock { $0 = nil }
    }

    public func checkSchema() async throws -> SchemaReport {
        let table = self.table
        let regclass = table.quoted
        return try await access { c in
            let cols = try c.execute(
                "SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
                [regclass])
            guard cols.rowCount > 0 else {
                return SchemaReport(
                    tableExists: false, maxSize: Int64(Int32.max),
                    findings: [.init(severity: .error, message: "table \(table.name) does not exist")])
            }
            var live: [String: String] = [:]
            for i in 0..<cols.rowCount { live[cols.string(i, 0) ?? ""] = cols.string(i, 1) ?? "" }
            var (findings, maxSize) = CatalogSchema.compare(live: live, table: table)
            findings += CatalogSchema.compareLocks(live: try Self.columns(c, of: CatalogSchema.locksTable))
            findings += CatalogSchema.compareRuns(
                runs: try Self.columns(c, of: CatalogSchema.runsTable), leases: try Self.columns(c, of: CatalogSchema.runLeasesTable))
            let index = try c.execute(
                """
                SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE i.indrelid = to_regclass($1) AND a.attname = 'url' LIMIT 1
                """, [regclass])
            if index.rowCount == 0 {
                findings.append(
                    .init(
                        severity: .warning, message: "no index on url: prefix scans and url lookups read the whole table",
                        fixSQL: CatalogSchema.urlIndexSQL(table) + ";"))
            }
            if live["url"] != nil && live["deleted_at"] != nil {
                let dups = try c.execute(
                    "SELECT url::text, count(*)::text FROM \(table.quoted) WHERE deleted_at IS NULL GROUP BY url HAVING count(*) > 1 ORDER BY count(*) DESC, url LIMIT 11"
                )
                if dups.rowCount > 0 {
                    let examples = (0..<min(10, dups.rowCount)).map { "\(dups.string($0, 0) ?? "") (×\(dups.string($0, 1) ?? "?"))" }
                    findings.append(
                        .init(
                            severity: .warning,
                            message: "duplicate active urls: " + examples.joined(separator: ", ") + (dups.rowCount > 10 ? ", …" : "")))
                }
            }
            return SchemaReport(tableExists: true, maxSize: maxSize, findings: findings)
        }
    }

    /// Live columns (name → `format_type`) of a table on the search path; empty when it is missing.
    static func columns(_ c: Connection, of table: String) throws -> [String: String] {
        let r = try c.execute(
            "SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
            [table])
        var out: [String: String] = [:]
        for i in 0..<r.rowCount { out[r.string(i, 0) ?? ""] = r.string(i, 1) ?? "" }
        return out
    }

    /// `catalog init --upgrade`: creates the table when it is missing; otherwise adds only what is
    /// missing — columns (nullable, so no row changes), the url index, `r2s_locks` or its newer
    /// columns — in one transaction. Never changes a type (`size` → BIGINT rewrites the table:
    /// `catalog check` prints that statement for the operator to choose).
    public func upgrade() async throws -> [String] {
        let table = self.table
        let ran = try await atomically { c -> [String] in
            let live = try Self.columns(c, of: table.quoted)
            var statements: [String] = []
            if live.isEmpty {
                statements += CatalogSchema.postgresDDL(table, withUsuarios: false)
            } else {
                for column in CatalogSchema.columns where live[column.name] == nil {
                    statements.append("ALTER TABLE \(table.quoted) ADD COLUMN \(column.name) \(column.postgresType)")
                }
                let index = try c.execute(
                    """
                    SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                    WHERE i.indrelid = to_regclass($1) AND a.attname = 'url' LIMIT 1
                    """, [table.quoted])
                if index.rowCount == 0 { statements.append(CatalogSchema.urlIndexSQL(table)) }
            }
            let locks = try Self.columns(c, of: CatalogSchema.locksTable)
            if locks.isEmpty {
                statements.append(CatalogSchema.locksDDL)
            } else if CatalogSchema.locksColumns.contains(where: { locks[$0.name] == nil }) {
                statements.append(CatalogSchema.locksUpgradeSQL)
            }
            // The run tables of shared syncs (`sync --workers`), when missing.
            if try Self.columns(c, of: CatalogSchema.runLeasesTable).isEmpty { statements += CatalogSchema.runsDDL() }
            for statement in statements { try c.execute(statement) }
            return statements
        }
        sizeLimitCache.withLock { $0 = nil }
        return ran
    }
}
