public import Catalog
import UserFacing
import SQLite

extension SQLiteCatalog {
    /// A uuid v4 as lowercase text, for the `id` default (SQLite has no uuid function; r2s
    /// always sends ids, this serves other programs writing to the file).
    static let uuidDefault =
        "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"

    /// SQLite DDL for the catalog: the Postgres columns mapped to SQLite types. The foreign keys
    /// to `usuarios` exist only when that table does (SQLite would fail every insert otherwise).
    static func ddl(_ table: CatalogTable, withUsuarios: Bool, referencesUsuarios: Bool) -> [String] {
        var out: [String] = []
        if withUsuarios {
            out.append(
                "CREATE TABLE IF NOT EXISTS usuarios (id TEXT PRIMARY KEY NOT NULL DEFAULT \(uuidDefault), nome TEXT, email TEXT UNIQUE)")
        }
        let ref = referencesUsuarios ? " REFERENCES usuarios(id)" : ""
        let now = "DEFAULT (\(SQLiteRows.now))"
        out.append(
            """
            CREATE TABLE \(table.quoted) (
              id TEXT PRIMARY KEY NOT NULL DEFAULT \(uuidDefault), nome TEXT NOT NULL, url TEXT NOT NULL,
              content_type TEXT, size INTEGER, tipo_referencia TEXT, referencia_id TEXT,
              created_at TEXT \(now), updated_at TEXT \(now),
              created_by TEXT\(ref), updated_by TEXT\(ref), deleted_at TEXT)
            """)
        out.append("CREATE INDEX \(table.quoted(suffix: "_url_idx")) ON \(table.quoted) (url)")
        return out
    }

    static func tableExists(_ db: Database, _ table: CatalogTable) throws -> Bool {
        let stmt = try db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        try stmt.bind(table.name, at: 1)
        return try stmt.step()
    }

    static func create(_ db: Database, _ table: CatalogTable, withUsuarios: Bool) throws {
        let usuarios = try withUsuarios || tableExists(db, try CatalogTable("usuarios"))
        try savepoint(db, "r2s_init") {
            // The run tables of shared syncs (`sync --workers`) too, so `catalog init` makes everything.
            for statement in ddl(table, withUsuarios: withUsuarios, referencesUsuarios: usuarios) + CatalogSchema.runsDDL(sqlite: true) {
                try db.execute(statement)
            }
        }
    }

    public func initialize(withUsuarios: Bool) async throws {
        let table = self.table
        try await access { db in
            guard try !Self.tableExists(db, table) else {
                throw CatalogError.tableExists(table)
            }
            try Self.create(db, table, withUsuarios: withUsuarios)
        }
    }

    public func checkSchema() async throws -> SchemaReport {
        let table = self.table
        return try await access { db in
            let live = try Self.columns(db, of: table.name)
            guard !live.isEmpty else {
                return SchemaReport(
                    tableExists: false, maxSize: Int64.max,
                    findings: [.init(severity: .error, message: "table \(table.name) does not exist", fixSQL: nil)])
            }
            var (findings, _) = CatalogSchema.compare(live: live, table: table, sqlite: true)
            // SQLite integers are 64-bit whatever the declared type: no 2 GiB cap here.
            findings.removeAll { $0.fixSQL != nil && $0.message.hasPrefix("size is INTEGER") }
            if try !Self.hasURLIndex(db, table) {
                findings.append(
                    .init(
                        severity: .warning, message: "no index on url: prefix scans read the whole table",
                        fixSQL: "CREATE INDEX \(table.quoted(suffix: "_url_idx")) ON \(table.quoted) (url);"))
            }
            findings += try Self.duplicateFindings(db, table)
            findings += CatalogSchema.compareRuns(
                runs: try Self.columns(db, of: CatalogSchema.runsTable), leases: try Self.columns(db, of: CatalogSchema.runLeasesTable))
            return SchemaReport(tableExists: true, maxSize: Int64.max, findings: findings)
        }
    }

    /// Column name → declared type of `table` (empty when it does not exist).
    static func columns(_ db: Database, of table: String) throws -> [String: String] {
        let info = try db.prepare("SELECT name, type FROM pragma_table_info(?)")
        try info.bind(table, at: 1)
        var out: [String: String] = [:]
        while try info.step() { out[info.string(0) ?? ""] = info.string(1) ?? "" }
        return out
    }

    static func hasURLIndex(_ db: Database, _ table: CatalogTable) throws -> Bool {
        let stmt = try db.prepare(
            "SELECT 1 FROM pragma_index_list(?) AS l JOIN pragma_index_info(l.name) AS i WHERE i.seqno = 0 AND i.name = 'url'")
        try stmt.bind(table.name, at: 1)
        return try stmt.step()
    }

    static func duplicateFindings(_ db: Database, _ table: CatalogTable) throws -> [SchemaReport.Finding] {
        let stmt = try db.prepare(
            "SELECT url, count(*) FROM \(table.quoted) WHERE deleted_at IS NULL GROUP BY url HAVING count(*) > 1 ORDER BY count(*) DESC, url LIMIT 11"
        )
        var examples: [String] = []
        while try stmt.step() { examples.append("\(stmt.string(0) ?? "") (×\(stmt.int64(1) ?? 0))") }
        guard !examples.isEmpty else { return [] }
        let more = examples.count > 10 ? ", …" : ""
        return [
            .init(
                severity: .warning,
                message: "duplicate active urls: " + examples.prefix(10).joined(separator: ", ") + more)
        ]
    }
}
