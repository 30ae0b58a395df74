public import Catalog
public import FoundationEssentials
import Postgres
import UserFacing

extension PostgresCatalog {
    /// One UPDATE … FROM unnest(ids, urls, names) per `updateBatch` rows instead of one UPDATE
    /// per row: a folder move of 2,000 files is a single round trip, not 2,000.
    public func relocate(_ moves: [RowRelocation], actor: UUID?) async throws -> Int {
        guard !moves.isEmpty else { return 0 }
        let sql = """
            UPDATE \(table.quoted) AS s SET url = m.url, nome = COALESCE(m.nome, s.nome), updated_at = now(), updated_by = $4::uuid
            FROM unnest($1::uuid[], $2::text[], $3::text[]) AS m(id, url, nome) WHERE s.id = m.id
            """
        let batches = stride(from: 0, to: moves.count, by: Self.updateBatch).map { start -> [String?] in
            let slice = moves[start..<min(start + Self.updateBatch, moves.count)]
            return [
                PostgresRows.arrayLiteral(slice.map { PostgresRows.text($0.id) }),
                PostgresRows.arrayLiteral(slice.map(\.url)),
                PostgresRows.arrayLiteral(slice.map(\.nome)),
                actor.map(PostgresRows.text),
            ]
        }
        let expected = moves.count
        // All batches or none; replay-safe (setting the same url twice changes nothing more).
        let changed = try await retryingWrite { _ in
            try await atomically { c -> Int in
                let changed = try batches.reduce(0) { sum, params in sum + (try c.execute(sql, params).affectedRows) }
                // A row deleted meanwhile: undo the whole statement rather than move part of the batch.
                guard changed == expected else {
                    throw CatalogError(
                        .notFound,
                        LocalizedText(
                            en: "\(expected - changed) of \(expected) rows to move are gone",
                            ptBR: "\(expected - changed) de \(expected) registros a mover não existem mais"))
                }
                return changed
            }
        }
        return changed
    }
}
