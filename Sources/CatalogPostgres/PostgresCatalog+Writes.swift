public import Catalog
public import FoundationEssentials
import Postgres
import UserFacing

extension PostgresCatalog {
    /// Rows per INSERT statement: 8 parameters each, 8,000 per statement (the protocol allows 65,535).
    static let insertBatch = 1000
    /// Ids per UPDATE statement (one array parameter, so this only bounds statement size).
    static let updateBatch = 10_000

    public func insert(_ rows: [NewRecord]) async throws -> [CatalogRecord] {
        guard !rows.isEmpty else { return [] }
        let limit = try await sizeLimit()
        try CatalogValidation.checkSizes(rows, limit: limit, table: table)
        // r2s picks the ids so the rows come back in input order: RETURNING's order is not
        // specified, so the result is matched by id. Time-ordered (v7), so a batch's keys go to
        // the primary key's right edge instead of one random leaf page each (TimeOrderedID).
        let now = Date()
        let ids = rows.map { _ in TimeOrderedID.make(at: now) }
        // Retried on transient failures; a replay whose first attempt landed meets the ids.
        let stored = try await retryingWrite { _ in
            do {
                return try await insertOnce(rows, ids: ids)
            } catch where InsertReplay.isDuplicateKey(error) {
                guard let landed = try await landedRows(rows, ids: ids) else { throw error }
                return landed
            }
        }
        let byId = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return try ids.map { id in
            guard let r = byId[id] else {
                throw CatalogError(.server, LocalizedText("insert returned no row for \(PostgresRows.text(id))"))
            }
            return r
        }
    }

    /// One attempt at the whole insert, in one transaction (all rows or none).
    private func insertOnce(_ rows: [NewRecord], ids: [UUID]) async throws -> [CatalogRecord] {
        let table = self.table
        let tuple = { @Sendable (n: Int) -> String in
            let b = n * 8
            return "($\(b + 1)::uuid, $\(b + 2), $\(b + 3), $\(b + 4), $\(b + 5)::int8, $\(b + 6), $\(b + 7)::uuid, $\(b + 8)::uuid)"
        }
        return try await atomically { c -> [CatalogRecord] in
            var out: [CatalogRecord] = []
            out.reserveCapacity(rows.count)
            for start in stride(from: 0, to: rows.count, by: Self.insertBatch) {
                let end = min(start + Self.insertBatch, rows.count)
                var params: [String?] = []
                params.reserveCapacity((end - start) * 8)
                for i in start..<end {
                    let r = rows[i]
                    params += [
                        PostgresRows.text(ids[i]), r.nome, r.url, r.contentType, r.size.map { String($0) }, r.tipoReferencia,
                        r.referenciaId.map(PostgresRows.text), r.createdBy.map(PostgresRows.text),
                    ]
                }
                let sql = """
                    INSERT INTO \(table.quoted) (id, nome, url, content_type, size, tipo_referencia, referencia_id, created_by)
                    VALUES \((0..<(end - start)).map(tuple).joined(separator: ", "))
                    RETURNING \(PostgresRows.selectList)
                    """
                out += try PostgresRows.records(c.execute(sql, params, binaryResults: true))
            }
            return out
        }
    }

    public func softDelete(ids: [UUID], actor: UUID?) async throws -> Int {
        try await mark(
            ids, actor,
            "UPDATE \(table.quoted) SET deleted_at = now(), updated_at = now(), updated_by = $2::uuid WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL"
        )
    }

    public func restore(ids: [UUID], actor: UUID?) async throws -> Int {
        try await mark(
            ids, actor,
            "UPDATE \(table.quoted) SET deleted_at = NULL, updated_at = now(), updated_by = $2::uuid WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL"
        )
    }

    private func mark(_ ids: [UUID], _ actor: UUID?, _ sql: String) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let batches = stride(from: 0, to: ids.count, by: Self.updateBatch).map {
            PostgresRows.arrayLiteral(ids[$0..<min($0 + Self.updateBatch, ids.count)].map(PostgresRows.text))
        }
        let actorText = actor.map(PostgresRows.text)
        let work = { @Sendable (c: Connection) throws -> Int in
            try batches.reduce(0) { sum, literal in sum + (try c.execute(sql, [literal, actorText]).affectedRows) }
        }
        // Replay-safe: the WHERE skips rows a lost first attempt already changed (they are then
        // not counted again).
        return try await retryingWrite { _ in batches.count == 1 ? try await access(work) : try await atomically(work) }
    }

    public func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord {
        if changes.size != nil { try CatalogValidation.checkSize(changes.size, limit: try await sizeLimit(), table: table) }
        var sets: [String] = []
        var params: [String?] = [PostgresRows.text(id), actor.map(PostgresRows.text)]
        func set(_ column: String, _ value: String?, cast: String = "") {
            params.append(value)
            sets.append("\(column) = $\(params.count)\(cast)")
        }
        if let v = changes.nome { set("nome", v) }
        if let v = changes.url { set("url", v) }
        if let v = changes.contentType { set("content_type", v) }
        if let v = changes.size { set("size", String(v), cast: "::int8") }
        if let referencia = changes.referencia {
            set("tipo_referencia", referencia?.tipo)
            set("referencia_id", referencia.map { PostgresRows.text($0.id) }, cast: "::uuid")
        }
        sets += ["updated_at = now()", "updated_by = $2::uuid"]
        let sql =
            "UPDATE \(table.quoted) SET \(sets.joined(separator: ", ")) WHERE id = $1::uuid RETURNING \(PostgresRows.selectList)"
        let bound = params
        let row = try await retryingWrite { _ in
            try await access { c in try PostgresRows.records(c.execute(sql, bound, binaryResults: true)).first }
        }
        guard let row else {
            throw CatalogError.noRecord(id)
        }
        return row
    }
}
