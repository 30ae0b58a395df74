import Catalog
import FoundationEssentials
import UserFacing

extension PostgRESTCatalog {
    /// A write request retried on transient failures (5xx, 429, a lost connection) with
    /// backoff and jitter (`WriteRetry`). Only for writes that are safe to replay: PATCHes by id.
    /// Sent as non-idempotent so the HTTP client makes one attempt each: the catalog owns the
    /// retries of its writes, and never multiplies them with the client's.
    func write(_ method: String, _ url: String, prefer: [String], body: [UInt8]) async throws -> PostgRESTResponse {
        try await WriteRetry.standard.run(isTransient: Self.isTransient) { _ in
            try await sendWrite(method, url, prefer: prefer, body: body)
        }
    }

    /// Inserts one batch of rows carrying client-generated `ids`, retried like `write`. A replay
    /// whose first attempt did land (its answer was lost) fails on the primary key (409, 23505):
    /// the rows are then read back by id and accepted only when they are exactly these rows;
    /// otherwise the conflict is a real one (another unique index) and is thrown. Checked on the
    /// first attempt too: libcurl itself silently re-sends a request whose reused connection
    /// died before any answer, so "our" first attempt may already be a replay.
    func insertBatch(_ url: String, payload: [UInt8], rows: [NewRecord], ids: [UUID]) async throws -> [CatalogRecord] {
        try await WriteRetry.standard.run(isTransient: Self.isTransient) { _ in
            do {
                let response = try await sendWrite("POST", url, prefer: ["return=representation", "missing=default"], body: payload)
                return try PostgRESTJSON.records(response.body)
            } catch where InsertReplay.isDuplicateKey(error) {
                let stored = try await records(ids: ids)
                guard InsertReplay.landed(rows, ids: ids, stored: stored) else { throw error }
                return stored
            }
        }
    }

    /// One attempt; a 429 (Supabase's rate limit) becomes a transient error like a 5xx.
    private func sendWrite(_ method: String, _ url: String, prefer: [String], body: [UInt8]) async throws -> PostgRESTResponse {
        let response = try await request(method, url, prefer: prefer, body: body, idempotent: false, allow: [429])
        if response.status == 429 {
            throw CatalogError(
                .connection,
                LocalizedText(en: "Supabase is rate limiting requests (HTTP 429)", ptBR: "o Supabase está limitando as requisições (HTTP 429)"),
                hint: "try again later, or with fewer parallel jobs", serverCode: "429")
        }
        return response
    }

    static func isTransient(_ error: any Error) -> Bool {
        (error as? CatalogError)?.isTransient ?? false
    }
}
