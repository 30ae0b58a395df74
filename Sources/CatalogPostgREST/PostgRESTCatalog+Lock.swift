import Catalog
import FoundationEssentials
import R2SCore

#if canImport(Glibc)
    import Glibc
#endif

extension PostgRESTCatalog {
    /// How long a lock row is valid without renewal; renewed every third of it while held.
    static let lockTTL: Duration = .seconds(300)

    var lockName: String { "sync:" + table.name }
    var locksEndpoint: String { restURL + "/" + CatalogSchema.locksTable }

    /// The sync lock over PostgREST, which has no advisory locks or RPC r2s can count on: a row
    /// `sync:<table>` in `r2s_locks` (primary key on `name`, so a second insert fails with 23505).
    /// The row carries an expiry renewed while `body` runs; an expired row (a crashed holder) is
    /// taken over. When `r2s_locks` does not exist, concurrent syncs cannot be prevented: r2s warns
    /// and runs `body` unlocked.
    public func withSyncLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let holder = "r2s \(userAgent.dropFirst(4)) pid \(getpid()) on \(Self.hostName())"
        guard try await acquire(holder: holder, retry: true) else {
            warn(
                LocalizedText(
                    en: "table \(CatalogSchema.locksTable) not found: concurrent syncs on \(table.name) cannot be prevented over PostgREST; create it with: \(CatalogSchema.locksDDL);",
                    ptBR: "tabela \(CatalogSchema.locksTable) não encontrada: não há como impedir sincronizações simultâneas de \(table.name) via PostgREST; crie-a com: \(CatalogSchema.locksDDL);"))
            return try await body()
        }
        let renewal = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.lockTTL / 3)
                if Task.isCancelled { break }
                _ = try? await renew(holder: holder)
            }
        }
        defer { renewal.cancel() }
        do {
            let result = try await body()
            try? await release(holder: holder)
            return result
        } catch {
            try? await release(holder: holder)
            throw error
        }
    }

    /// Inserts the lock row; false when the lock table does not exist.
    private func acquire(holder: String, retry: Bool) async throws -> Bool {
        let expires = CatalogTimestamp.format(Date().addingTimeInterval(Double(Self.lockTTL.components.seconds)))
        let body = PostgRESTJSON.object([("name", lockName), ("holder", holder), ("expires_at", expires)])
        let response = try await request(
            "POST", locksEndpoint, prefer: ["return=minimal"], body: body, idempotent: false, allow: [404, 409])
        switch response.status {
        case 404: return false
        case 409:
            let now = CatalogTimestamp.format(Date())
            let qs = PostgRESTFilter.queryString([("name", "eq." + lockName), ("select", "holder,expires_at")])
            let current = try await request("GET", locksEndpoint + "?" + qs)
            struct Row: Decodable { var holder: String?; var expires_at: String? }
            let row = (try? JSONDecoder().decode([Row].self, from: Data(current.body)))?.first
            if retry, let expiry = row?.expires_at.flatMap(CatalogTimestamp.parse), expiry < Date() {
                // The holder stopped renewing (crashed): remove its row, if still expired, and retry once.
                let stale = PostgRESTFilter.queryString([("name", "eq." + lockName), ("expires_at", "lt." + now)])
                _ = try await request("DELETE", locksEndpoint + "?" + stale)
                return try await acquire(holder: holder, retry: false)
            }
            let detail = row.map { "\($0.holder ?? "?"), expires \($0.expires_at ?? "?")" }
            throw CatalogError.locked(displayName, holder: detail)
        default: return true
        }
    }

    private func renew(holder: String) async throws {
        let expires = CatalogTimestamp.format(Date().addingTimeInterval(Double(Self.lockTTL.components.seconds)))
        let qs = PostgRESTFilter.queryString([("name", "eq." + lockName), ("holder", "eq." + holder)])
        _ = try await request("PATCH", locksEndpoint + "?" + qs, prefer: ["return=minimal"], body: PostgRESTJSON.object([("expires_at", expires)]))
    }

    private func release(holder: String) async throws {
        let qs = PostgRESTFilter.queryString([("name", "eq." + lockName), ("holder", "eq." + holder)])
        _ = try await request("DELETE", locksEndpoint + "?" + qs)
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
