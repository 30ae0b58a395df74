import Catalog
import FoundationEssentials
import Postgres

extension PostgresCatalog {
    /// Runs a write that is safe to replay (an update by id, an insert with client ids),
    /// retrying transient failures — a lost connection, a serialization failure, a deadlock, a
    /// server restart — with backoff and jitter (`WriteRetry`). Inside a caller's transaction
    /// there is no retry: the failure has aborted the whole transaction, which only its owner
    /// can run again. `body` gets the attempt number (1 = first).
    func retryingWrite<T: Sendable>(_ body: (Int) async throws -> T) async throws -> T {
        if currentTransaction != nil { return try await body(1) }
        return try await WriteRetry.standard.run(isTransient: { ($0 as? CatalogError)?.isTransient ?? false }, body)
    }

    /// An insert's replay that failed on the primary key: the rows as stored when they are
    /// exactly `rows` under `ids` (the first attempt landed, its answer was lost), else `nil`.
    func landedRows(_ rows: [NewRecord], ids: [UUID]) async throws -> [CatalogRecord]? {
        let table = self.table
        let literal = PostgresRows.arrayLiteral(ids.map(PostgresRows.text))
        let stored = try await access { c in
            try PostgresRows.records(
                c.execute(
                    "SELECT \(PostgresRows.selectList) FROM \(table.quoted) WHERE id = ANY($1::uuid[])", [literal],
                    binaryResults: true))
        }
        return InsertReplay.landed(rows, ids: ids, stored: stored) ? stored : nil
    }
}
