public import Catalog
import FoundationEssentials
import UserFacing

extension PostgRESTCatalog {
    /// The lease name of this table's sync lock (the same on every path to the table).
    var lockName: String { "sync:" + table.name }
    var locksEndpoint: String { restURL + "/" + CatalogSchema.locksTable }

    /// Holds the table's sync lease in `r2s_locks` while `body` runs: the same row that
    /// `PostgresCatalog` takes over `DATABASE_URL`, so the two paths exclude each other.
    /// PostgREST has no advisory locks and r2s cannot count on an RPC, but it can insert into a
    /// table with a primary key (a second insert fails with 23505) and update it conditionally.
    /// Expiry is written and compared with this machine's clock (PostgREST cannot send `now()`).
    public func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T {
        try await LeaseLock(table: self, name: lockName, catalog: displayName).run(options, body)
    }
}

extension PostgRESTCatalog: LeaseTable {
    /// One lease request; a missing or outdated `r2s_locks` becomes `lockTableMissing`.
    private func leaseRequest(
        _ method: String, _ query: [(String, String)], prefer: [String] = [], body: [UInt8]? = nil, allow: Set<Int> = []
    ) async throws -> PostgRESTResponse {
        let url = locksEndpoint + (query.isEmpty ? "" : "?" + PostgRESTFilter.queryString(query))
        do {
            return try await request(method, url, prefer: prefer, body: body, idempotent: method != "POST", allow: allow)
        } catch let error as CatalogError where ["PGRST205", "42P01"].contains(error.serverCode ?? "") {
            throw CatalogError.lockTableMissing(
                "does not exist (or is not exposed by PostgREST)", sql: [CatalogSchema.locksDDL])
        } catch let error as CatalogError where ["PGRST204", "42703"].contains(error.serverCode ?? "") {
            throw CatalogError.lockTableMissing(
                "lacks the columns host, pid and token (an older r2s made it)", sql: [CatalogSchema.locksUpgradeSQL])
        }
    }

    private func leaseFields(_ name: String?, _ holder: LeaseHolder, _ ttl: Duration) -> [(String, String?)] {
        let now = Date()
        var fields: [(String, String?)] = name.map { [("name", $0)] } ?? []
        fields += [
            ("holder", holder.description), ("host", holder.host), ("pid", String(holder.pid)), ("token", holder.token),
            ("acquired_at", CatalogTimestamp.format(now)), ("expires_at", Self.expiry(now, ttl)),
        ]
        return fields
    }

    static func expiry(_ now: Date, _ ttl: Duration) -> String {
        CatalogTimestamp.format(now.addingTimeInterval(Double(ttl.components.seconds)))
    }

    /// The filter that matches a row only while it still carries `token` (nil: a row without one).
    private func tokenFilter(_ token: String?) -> (String, String) {
        ("token", token.map { "eq." + $0 } ?? "is.null")
    }

    /// Rows a `return=representation` write changed.
    private func changedRows(_ response: PostgRESTResponse) -> Int {
        struct AnyRow: Decodable {}
        return (try? JSONDecoder().decode([AnyRow].self, from: Data(response.body)))?.count ?? 0
    }

    public func insertLease(_ name: String, holder: LeaseHolder, ttl: Duration) async throws -> Bool {
        let response = try await leaseRequest(
            "POST", [], prefer: ["return=minimal"], body: PostgRESTJSON.object(leaseFields(name, holder, ttl)), allow: [409])
        return response.status != 409
    }

    public func lease(_ name: String) async throws -> LeaseRow? {
        let response = try await leaseRequest("GET", [("name", "eq." + name), ("select", "holder,host,pid,token,expires_at")])
        struct Row: Decodable {
            var holder: String?
            var host: String?
            var pid: Int32?
            var token: String?
            var expires_at: String?
        }
        guard let row = (try? JSONDecoder().decode([Row].self, from: Data(response.body)))?.first else { return nil }
        let expiry = row.expires_at.flatMap(CatalogTimestamp.parse)
        return LeaseRow(
            holder: row.holder ?? "?", host: row.host, pid: row.pid, token: row.token, expiresAt: expiry,
            expired: expiry.map { $0 < Date() } ?? false)
    }

    public func takeOverLease(_ name: String, from previous: LeaseRow, holder: LeaseHolder, ttl: Duration, onlyIfExpired: Bool)
        async throws -> Bool
    {
        var query = [("name", "eq." + name), tokenFilter(previous.token)]
        if onlyIfExpired { query.append(("expires_at", "lt." + CatalogTimestamp.format(Date()))) }
        let response = try await leaseRequest(
            "PATCH", query, prefer: ["return=representation"], body: PostgRESTJSON.object(leaseFields(nil, holder, ttl)))
        return changedRows(response) == 1
    }

    public func renewLease(_ name: String, holder: LeaseHolder, ttl: Duration) async throws -> Bool {
        let response = try await leaseRequest(
            "PATCH", [("name", "eq." + name), tokenFilter(holder.token)], prefer: ["return=representation"],
            body: PostgRESTJSON.object([("expires_at", Self.expiry(Date(), ttl))]))
        return changedRows(response) == 1
    }

    public func releaseLease(_ name: String, holder: LeaseHolder) async throws {
        _ = try await leaseRequest("DELETE", [("name", "eq." + name), tokenFilter(holder.token)])
    }
}
