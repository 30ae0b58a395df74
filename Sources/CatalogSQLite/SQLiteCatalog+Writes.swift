public import Catalog
public import FoundationEssentials
import UserFacing
import SQLite

extension SQLiteCatalog {
    /// Rows per INSERT statement (8 parameters each, far below SQLite's 32,766 limit).
    static let insertBatch = 500

    public func insert(_ rows: [NewRecord]) async throws -> [CatalogRecord] {
        guard !rows.isEmpty else { return [] }
        try CatalogValidation.checkSizes(rows, limit: Int64.max, table: table)
        // r2s picks the ids so the rows can be returned in input order (RETURNING order is
        // unspecified); they are random v4 uuids, like the column default.
        let ids = rows.map { _ in UUID() }
        let table = self.table
        let stored = try await access { db -> [CatalogRecord] in
            try Self.savepoint(db, "r2s_insert") {
                var out: [CatalogRecord] = []
                out.reserveCapacity(rows.count)
                for start in stride(from: 0, to: rows.count, by: Self.insertBatch) {
                    let end = min(start + Self.insertBatch, rows.count)
                    let tuple = "(?, ?, ?, ?, ?, ?, ?, ?)"
                    let sql = """
                        INSERT INTO \(table.quoted) (id, nome, url, content_type, size, tipo_referencia, referencia_id, created_by)
                        VALUES \(Array(repeating: tuple, count: end - start).joined(separator: ", "))
                        RETURNING \(CatalogSchema.selectList)
                        """
                    let stmt = try db.prepare(sql)
                    var p: Int32 = 1
                    for i in start..<end {
                        let r = rows[i]
                        try stmt.bind(ids[i].uuidString.lowercased(), at: p)
                        try stmt.bind(r.nome, at: p + 1)
                        try stmt.bind(r.url, at: p + 2)
                        try stmt.bind(r.contentType, at: p + 3)
                        try stmt.bind(r.size, at: p + 4)
                        try stmt.bind(r.tipoReferencia, at: p + 5)
                        try stmt.bind(r.referenciaId?.uuidString.lowercased(), at: p + 6)
                        try stmt.bind(r.createdBy?.uuidString.lowercased(), at: p + 7)
                        p += 8
                    }
                    while try stmt.step() { out.append(try SQLiteRows.record(stmt)) }
                }
                return out
            }
        }
        let byId = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return try ids.map { id in
            guard let r = byId[id] else {
                throw CatalogError(.server, LocalizedText("insert returned no row for \(id.uuidString.lowercased())"))
            }
            return r
        }
    }

    public func softDelete(ids: [UUID], actor: UUID?) async throws -> Int {
        try await setDeleted(ids: ids, actor: actor, deleted: true)
    }

    public func restore(ids: [UUID], actor: UUID?) async throws -> Int {
        try await setDeleted(ids: ids, actor: actor, deleted: false)
    }

    private func setDeleted(ids: [UUID], actor: UUID?, deleted: Bool) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let table = self.table
        let now = SQLiteRows.now
        return try await access { db in
            try Self.savepoint(db, "r2s_mark") {
                var changed = 0
                for chunk in ids.chunked(500) {
                    let sql =
                        deleted
                        ? "UPDATE \(table.quoted) SET deleted_at = \(now), updated_at = \(now), updated_by = ? WHERE deleted_at IS NULL AND id IN (\(SQLiteRows.placeholders(chunk.count)))"
                        : "UPDATE \(table.quoted) SET deleted_at = NULL, updated_at = \(now), updated_by = ? WHERE deleted_at IS NOT NULL AND id IN (\(SQLiteRows.placeholders(chunk.count)))"
                    let stmt = try db.prepare(sql)
                    try stmt.bind(actor?.uuidString.lowercased(), at: 1)
                    for (i, id) in chunk.enumerated() { try stmt.bind(id.uuidString.lowercased(), at: Int32(i + 2)) }
                    _ = try stmt.step()
                    changed += db.changes
                }
                return changed
            }
        }
    }

    public func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord {
        try CatalogValidation.checkSize(changes.size, limit: Int64.max, table: table)
        var sets: [String] = []
        var values: [SQLiteValue] = []
        if let v = changes.nome { sets.append("nome = ?"); values.append(.text(v)) }
        if let v = changes.url { sets.append("url = ?"); values.append(.text(v)) }
        if let v = changes.contentType { sets.append("content_type = ?"); values.append(.text(v)) }
        if let v = changes.size { sets.append("size = ?"); values.append(.integer(v)) }
        if let referencia = changes.referencia {
            sets.append("tipo_referencia = ?")
            sets.append("referencia_id = ?")
            values.append(referencia.map { .text($0.tipo) } ?? .null)
            values.append(referencia.map { .text($0.id.uuidString.lowercased()) } ?? .null)
        }
        sets.append("updated_at = \(SQLiteRows.now)")
        sets.append("updated_by = ?")
        values.append(actor.map { .text($0.uuidString.lowercased()) } ?? .null)
        let sql = "UPDATE \(table.quoted) SET \(sets.joined(separator: ", ")) WHERE id = ? RETURNING \(CatalogSchema.selectList)"
        values.append(.text(id.uuidString.lowercased()))
        let bound = values
        let row = try await access { db -> CatalogRecord? in
            let stmt = try db.prepare(sql)
            for (i, v) in bound.enumerated() { try v.bind(stmt, Int32(i + 1)) }
            guard try stmt.step() else { return nil }
            let r = try SQLiteRows.record(stmt)
            while try stmt.step() {}  // finish the statement so the write completes
            return r
        }
        guard let row else {
            throw CatalogError.noRecord(id)
        }
        return row
    }

    /// Runs `body` inside a SAVEPOINT: all-or-nothing on its own, and nested correctly inside
    /// a `withTransaction` (a savepoint is a nested transaction).
    static func savepoint<T>(_ db: Database, _ name: String, _ body: () throws -> T) throws -> T {
        try db.execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try db.execute("RELEASE \(name)")
            return result
        } catch {
            try? db.execute("ROLLBACK TO \(name); RELEASE \(name)")
            throw error
        }
    }
}

/// A value to bind, for statements whose parameter list is built at run time.
enum SQLiteValue: Sendable {
    case text(String)
    case integer(Int64)
    case null

    func bind(_ s: Statement, _ i: Int32) throws {
        switch self {
        case .text(let v): try s.bind(v, at: i)
        case .integer(let v): try s.bind(v, at: i)
        case .null: try s.bindNull(at: i)
        }
    }
}
