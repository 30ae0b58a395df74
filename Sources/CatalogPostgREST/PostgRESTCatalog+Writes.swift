public import Catalog
public import FoundationEssentials
import UserFacing

extension PostgRESTCatalog {
    /// Ids per PATCH: ~100 uuids keep `id=in.(…)` near 4 KB of URL (414s were reported from a
    /// few hundred).
    static let patchBatch = 100

    public func insert(_ rows: [NewRecord]) async throws -> [CatalogRecord] {
        guard !rows.isEmpty else { return [] }
        if let limit = try await sizeLimit() { try CatalogValidation.checkSizes(rows, limit: limit, table: table) } else {
            for r in rows where (r.size ?? 0) < 0 { try CatalogValidation.checkSize(r.size, limit: Int64.max, table: table) }
        }
        // Client-chosen v4 ids let r2s match the response to the input (and re-read rows a
        // capped representation left out) without trusting the response's order.
        let ids = rows.map { _ in UUID() }
        var byId: [UUID: CatalogRecord] = [:]
        let url = endpoint + "?" + PostgRESTFilter.queryString([("columns", PostgRESTJSON.insertColumns), ("select", PostgRESTJSON.select)])
        for start in stride(from: 0, to: rows.count, by: maxRows) {
            let end = min(start + maxRows, rows.count)
            let payload = try PostgRESTJSON.encode((start..<end).map { PostgRESTJSON.InsertRow(id: ids[$0], row: rows[$0]) })
            // Retried on transient failures: the ids make a replay safe (InsertReplay).
            let batch = try await insertBatch(url, payload: payload, rows: Array(rows[start..<end]), ids: Array(ids[start..<end]))
            for r in batch { byId[r.id] = r }
        }
        let missing = ids.filter { byId[$0] == nil }
        if !missing.isEmpty {
            // The representation was cut by the server's max-rows: read the rest back by id.
            for r in try await records(ids: missing) { byId[r.id] = r }
        }
        return try ids.map { id in
            guard let r = byId[id] else {
                warnIfRLS("inserted rows are not readable")
                throw CatalogError(.server, LocalizedText("insert returned no row for \(id.uuidString.lowercased())"))
            }
            return r
        }
    }

    public func softDelete(ids: [UUID], actor: UUID?) async throws -> Int {
        try await mark(ids, actor: actor, deleted: true)
    }

    public func restore(ids: [UUID], actor: UUID?) async throws -> Int {
        try await mark(ids, actor: actor, deleted: false)
    }

    private func mark(_ ids: [UUID], actor: UUID?, deleted: Bool) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let now = CatalogTimestamp.format(Date())
        let body = PostgRESTJSON.object([
            ("deleted_at", deleted ? now : nil), ("updated_at", now), ("updated_by", actor?.uuidString.lowercased()),
        ])
        var changed = 0
        for start in stride(from: 0, to: ids.count, by: Self.patchBatch) {
            let list = ids[start..<min(start + Self.patchBatch, ids.count)].map { $0.uuidString.lowercased() }
            let qs = PostgRESTFilter.queryString([
                ("id", "in.(" + list.joined(separator: ",") + ")"), ("deleted_at", deleted ? "is.null" : "not.is.null"),
                ("select", "id"),
            ])
            // return=representation with select=id: the rows actually changed (RLS makes a
            // refused PATCH a silent 0).
            let response = try await write("PATCH", endpoint + "?" + qs, prefer: ["return=representation"], body: body)
            var count = try PostgRESTJSON.ids(response.body).count
            if count < list.count {
                // A replay (ours, or libcurl's on a dead reused connection) finds the rows its
                // lost first attempt changed already done: they carry the exact updated_at this
                // call wrote, so they are counted by it.
                let recount = PostgRESTFilter.queryString([
                    ("id", "in.(" + list.joined(separator: ",") + ")"), ("updated_at", "eq." + now),
                    ("deleted_at", deleted ? "not.is.null" : "is.null"), ("select", "id"),
                ])
                count = max(count, try PostgRESTJSON.ids(try await request("GET", endpoint + "?" + recount).body).count)
            }
            changed += count
        }
        if changed == 0 { warnIfRLS("no row changed") }
        return changed
    }

    public func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord {
        if let size = changes.size {
            try CatalogValidation.checkSize(size, limit: try await sizeLimit() ?? Int64.max, table: table)
        }
        var fields: [(String, String?)] = []
        var numbers: [(String, Int64)] = []
        if let v = changes.nome { fields.append(("nome", v)) }
        if let v = changes.url { fields.append(("url", v)) }
        if let v = changes.contentType { fields.append(("content_type", v)) }
        if let v = changes.size { numbers.append(("size", v)) }
        if let referencia = changes.referencia {
            fields.append(("tipo_referencia", referencia?.tipo))
            fields.append(("referencia_id", referencia?.id.uuidString.lowercased()))
        }
        fields.append(("updated_at", CatalogTimestamp.format(Date())))
        fields.append(("updated_by", actor?.uuidString.lowercased()))
        var body = PostgRESTJSON.object(fields)
        if !numbers.isEmpty {
            // Numbers go in as JSON numbers, not strings: splice them before the closing brace.
            body.removeLast()
            for (k, v) in numbers { body += Array(",\"\(k)\":\(v)".utf8) }
            body += Array("}".utf8)
        }
        let qs = PostgRESTFilter.queryString([("id", "eq." + id.uuidString.lowercased()), ("select", PostgRESTJSON.select)])
        let response = try await write("PATCH", endpoint + "?" + qs, prefer: ["return=representation"], body: body)
        guard let row = try PostgRESTJSON.records(response.body).first else {
            throw CatalogError.noRecord(
                id,
                hint: bypassesRLS ? nil : LocalizedText("with a \(keyKind.label) key, row-level security may hide the row; use the secret key"))
        }
        return row
    }
}
