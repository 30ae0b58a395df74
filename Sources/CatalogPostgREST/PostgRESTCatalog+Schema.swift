public import Catalog
import FoundationEssentials
import UserFacing
import Synchronization

extension PostgRESTCatalog {
    /// PostgREST's OpenAPI root (`GET /rest/v1/`), only the part r2s reads: column formats.
    struct OpenAPI: Decodable {
        struct Definition: Decodable {
            struct Property: Decodable { var format: String? }
            var properties: [String: Property]?
        }
        var definitions: [String: Definition]?
    }

    /// Column name → type (`format`), or `nil` when the OpenAPI root is not readable (Supabase
    /// serves it only to secret/service_role keys) or lacks the table.
    func liveColumns() async throws -> [String: String]? {
        guard let response = try? await request("GET", restURL + "/"),
            let doc = try? JSONDecoder().decode(OpenAPI.self, from: Data(response.body)),
            let props = doc.definitions?[table.name]?.properties
        else { return nil }
        return props.compactMapValues(\.format)
    }

    /// The `size` column's limit from the OpenAPI formats, cached; `nil` when unknown (then the
    /// server's own 22003 error is mapped instead).
    func sizeLimit() async throws -> Int64? {
        if let cached = sizeLimitCache.withLock({ $0 }) { return cached }
        let limit = try await liveColumns()?["size"].flatMap(CatalogSchema.sizeLimit(forType:))
        sizeLimitCache.withLock { $0 = .some(limit) }
        return limit
    }

    func tableExists() async throws -> Bool {
        let qs = PostgRESTFilter.queryString([("select", "id"), ("limit", "0")])
        let response = try await request("GET", endpoint + "?" + qs, allow: [404])
        return response.status != 404
    }

    public func checkSchema() async throws -> SchemaReport {
        guard try await tableExists() else {
            return SchemaReport(
                tableExists: false, maxSize: Int64(Int32.max),
                findings: [.init(severity: .error, message: "table \(table.name) does not exist (or is not exposed by PostgREST)")])
        }
        var findings: [SchemaReport.Finding] = []
        var maxSize = Int64(Int32.max)
        if let live = try await liveColumns() {
            (findings, maxSize) = CatalogSchema.compare(live: live, table: table)
        } else {
            findings.append(
                .init(
                    severity: .info,
                    message: "column types are not readable over PostgREST with this key (the OpenAPI root needs the secret key); assuming size INTEGER"))
        }
        findings += try await lockTableFindings()
        // Their columns are not visible here (nil); a missing table is (empty).
        findings += CatalogSchema.compareRuns(runs: nil, leases: try await runTablesExist() ? nil : [:])
        findings.append(
            .init(
                severity: .info,
                message: "indexes are not visible over PostgREST; run `catalog check` with DATABASE_URL to check the index on url"))
        var seen: [String: Int] = [:]
        for try await page in records(RecordQuery()) {
            for r in page { seen[r.url, default: 0] += 1 }
        }
        let dups = seen.filter { $0.value > 1 }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        if !dups.isEmpty {
            let examples = dups.prefix(10).map { "\($0.key) (×\($0.value))" }
            findings.append(
                .init(severity: .warning, message: "duplicate active urls: " + examples.joined(separator: ", ") + (dups.count > 10 ? ", …" : "")))
        }
        return SchemaReport(tableExists: true, maxSize: maxSize, findings: findings)
    }

    /// What `r2s_locks` lacks, found by selecting its columns (works with any key, unlike the
    /// OpenAPI root): missing table → 404, missing column → 400 PGRST204/42703.
    func lockTableFindings() async throws -> [SchemaReport.Finding] {
        let select = CatalogSchema.locksColumns.map(\.name).joined(separator: ",")
        let qs = PostgRESTFilter.queryString([("select", select), ("limit", "0")])
        let response = try await request("GET", locksEndpoint + "?" + qs, allow: [400, 404])
        switch response.status {
        case 404: return CatalogSchema.compareLocks(live: nil)
        case 400:
            // Which columns exist is not visible here: report them all as the upgrade's concern.
            return CatalogSchema.compareLocks(live: ["name": "text", "holder": "text"])
        default: return []
        }
    }

    /// PostgREST cannot run DDL: when something is missing, refuses with the SQL to run in the
    /// Supabase SQL editor (or with DATABASE_URL set, `catalog init --upgrade` runs it).
    public func upgrade() async throws -> [String] {
        guard try await tableExists() else {
            try await initialize(withUsuarios: false)  // throws the SQL that creates everything
            return []
        }
        let sql = try await lockTableFindings().compactMap(\.fixSQL)
            + (try await runTablesExist() ? [] : CatalogSchema.runsDDL().map { $0 + ";" })
        guard !sql.isEmpty else { return [] }
        throw CatalogError(
            .schema,
            LocalizedText(
                en: "PostgREST cannot change tables; run this SQL in the Supabase SQL editor (or set DATABASE_URL and run `catalog init --upgrade` again)",
                ptBR: "o PostgREST não altera tabelas; rode este SQL no editor SQL do Supabase (ou defina DATABASE_URL e rode `catalog init --upgrade` de novo)"),
            hint: LocalizedText("\n" + sql.joined(separator: "\n")))
    }

    /// PostgREST cannot run DDL: refuses with the SQL to run in the Supabase SQL editor.
    public func initialize(withUsuarios: Bool) async throws {
        if try await tableExists() {
            throw CatalogError.tableExists(table)
        }
        let sql = (CatalogSchema.postgresDDL(table, withUsuarios: withUsuarios) + [CatalogSchema.locksDDL] + CatalogSchema.runsDDL()).map { $0 + ";" }
        throw CatalogError(
            .schema,
            LocalizedText(
                en: "PostgREST cannot create tables; run this SQL in the Supabase SQL editor (or set DATABASE_URL and run `catalog init` again)",
                ptBR: "o PostgREST não cria tabelas; rode este SQL no editor SQL do Supabase (ou defina DATABASE_URL e rode `catalog init` de novo)"),
            hint: LocalizedText("\n" + sql.joined(separator: "\n")))
    }
}


extension PostgRESTCatalog {
    /// Whether the run tables of shared syncs are there (a 404 from PostgREST: they are not).
    func runTablesExist() async throws -> Bool {
        let qs = PostgRESTFilter.queryString([("select", "prefix"), ("limit", "0")])
        return try await request("GET", restURL + "/" + CatalogSchema.runLeasesTable + "?" + qs, allow: [404]).status != 404
    }
}
