public import Catalog
import FoundationEssentials
import UserFacing

/// The run and lease tables of a shared sync over PostgREST: the same rows `PostgresCatalog`
/// writes, through the REST API. PostgREST has no `SKIP LOCKED` and no transactions, so a claim
/// is a compare-and-set: read free partitions, then a conditional `PATCH` that matches only while
/// the row still carries the token that was read (and, for a takeover, is still expired); of two
/// claimers of one row only one `PATCH` changes it. Expiry is written and compared with this
/// machine's clock, as for `r2s_locks` (PostgREST cannot send `now()`).
extension PostgRESTCatalog: SyncRunTable {
    var runsEndpoint: String { restURL + "/" + CatalogSchema.runsTable }
    var runLeasesEndpoint: String { restURL + "/" + CatalogSchema.runLeasesTable }

    private func runRequest(
        _ method: String, _ endpoint: String, _ query: [(String, String)], prefer: [String] = [], body: [UInt8]? = nil
    ) async throws -> PostgRESTResponse {
        let url = endpoint + (query.isEmpty ? "" : "?" + PostgRESTFilter.queryString(query))
        do {
            return try await request(method, url, prefer: prefer, body: body, idempotent: method != "POST")
        } catch let error as CatalogError where ["PGRST205", "42P01"].contains(error.serverCode ?? "") {
            throw CatalogError.runTablesMissing(sql: CatalogSchema.runsDDL())
        }
    }

    private struct RunJSON: Decodable {
        var id: String
        var fingerprint: String?
        var state: String
        var totals: String?
        var run: SyncRun? {
            SyncRun.State(rawValue: state).map { SyncRun(id: id, fingerprint: fingerprint ?? "", state: $0, totals: totals) }
        }
    }

    private struct LeaseJSON: Decodable {
        var prefix: String
        var state: String?
        var owner: String?
        var token: String?
        var expires_at: String?
        var last_batch: Int?
        var last_key: String?
        var takeovers: Int?
        var counts: String?
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: PostgRESTResponse) -> [T] {
        (try? JSONDecoder().decode([T].self, from: Data(response.body))) ?? []
    }

    private static let representation = ["return=representation"]

    public func createRun(fingerprint: String, partitions: [String], planner: LeaseHolder) async throws -> SyncRun {
        let id = UUID().uuidString.lowercased()
        _ = try await runRequest(
            "POST", runsEndpoint, [], prefer: ["return=minimal"],
            body: PostgRESTJSON.object([("id", id), ("fingerprint", fingerprint), ("state", "planning"), ("planner", planner.description)]))
        // One bulk insert: PostgREST inserts a JSON array in one statement.
        for part in stride(from: 0, to: partitions.count, by: 500) {
            let rows = partitions[part..<min(part + 500, partitions.count)].map {
                String(decoding: PostgRESTJSON.object([("run_id", id), ("prefix", $0)]), as: UTF8.self)
            }
            _ = try await runRequest(
                "POST", runLeasesEndpoint, [], prefer: ["return=minimal"], body: Array(("[" + rows.joined(separator: ",") + "]").utf8))
        }
        return SyncRun(id: id, fingerprint: fingerprint, state: .planning, totals: nil)
    }

    public func activeRun(fingerprint: String) async throws -> SyncRun? {
        let response = try await runRequest(
            "GET", runsEndpoint,
            [
                ("fingerprint", "eq." + fingerprint), ("state", "in.(planning,approved,applying)"),
                ("select", "id,fingerprint,state,totals"), ("order", "created_at.desc"), ("limit", "1"),
            ])
        return decode(RunJSON.self, response).first?.run
    }

    public func run(id: String) async throws -> SyncRun? {
        let response = try await runRequest("GET", runsEndpoint, [("id", "eq." + id), ("select", "id,fingerprint,state,totals")])
        return decode(RunJSON.self, response).first?.run
    }

    public func updateRun(_ id: String, from: [SyncRun.State], to state: SyncRun.State, totals: String?) async throws -> Bool {
        var fields: [(String, String?)] = [("state", state.rawValue), ("updated_at", CatalogTimestamp.format(Date()))]
        if let totals { fields.append(("totals", totals)) }
        let response = try await runRequest(
            "PATCH", runsEndpoint, [("id", "eq." + id), ("state", "in.(" + from.map(\.rawValue).joined(separator: ",") + ")")],
            prefer: Self.representation, body: PostgRESTJSON.object(fields))
        return decode(RunJSON.self, response).count == 1
    }

    public func partitions(run: String) async throws -> [RunPartition] {
        var out: [RunPartition] = []
        var offset = 0
        // Paged: a run may have more partitions than the server's max-rows.
        while true {
            let response = try await runRequest(
                "GET", runLeasesEndpoint,
                [("run_id", "eq." + run), ("order", "prefix"), ("limit", "1000"), ("offset", String(offset))])
            let page = decode(LeaseJSON.self, response)
            out += page.map {
                RunPartition(
                    prefix: $0.prefix, state: $0.state.flatMap(RunPartition.State.init(rawValue:)) ?? .pending, owner: $0.owner,
                    expiresAt: $0.expires_at.flatMap(CatalogTimestamp.parse), lastBatch: $0.last_batch ?? 0, lastKey: $0.last_key,
                    takeovers: $0.takeovers ?? 0, counts: $0.counts)
            }
            if page.isEmpty { break }
            offset += page.count
        }
        return out.sorted { $0.prefix.utf8.lexicographicallyPrecedes($1.prefix.utf8) }
    }

    public func claimPartition(run: String, state: RunPartition.State, holder: LeaseHolder, ttl: Duration, only: String?)
        async throws -> PartitionLease?
    {
        let now = CatalogTimestamp.format(Date())
        var filters = [
            ("run_id", "eq." + run), ("state", "eq." + state.rawValue), ("or", "(token.is.null,expires_at.lt.\"\(now)\")"),
            ("select", "prefix,token,takeovers"), ("order", "prefix"), ("limit", "20"),
        ]
        if let only { filters.append(("prefix", "eq." + only)) }
        let response = try await runRequest("GET", runLeasesEndpoint, filters)
        for candidate in decode(LeaseJSON.self, response) {
            var query = [("run_id", "eq." + run), ("prefix", "eq." + candidate.prefix), ("state", "eq." + state.rawValue)]
            query.append(("token", candidate.token.map { "eq." + $0 } ?? "is.null"))
            if candidate.token != nil { query.append(("expires_at", "lt." + now)) }
            let fields: [(String, String?)] = [
                ("owner", holder.description), ("token", holder.token), ("expires_at", Self.expiry(Date(), ttl)),
                ("takeovers", String((candidate.takeovers ?? 0) + (candidate.token == nil ? 0 : 1))),
            ]
            let patched = try await runRequest(
                "PATCH", runLeasesEndpoint, query, prefer: Self.representation, body: PostgRESTJSON.object(fields))
            if decode(LeaseJSON.self, patched).count == 1 {
                return PartitionLease(run: run, prefix: candidate.prefix, state: state, holder: holder)
            }
        }
        return nil
    }

    private func ownFilter(_ lease: PartitionLease) -> [(String, String)] {
        [("run_id", "eq." + lease.run), ("prefix", "eq." + lease.prefix), ("token", "eq." + lease.holder.token)]
    }

    public func renewPartition(_ lease: PartitionLease, ttl: Duration) async throws -> Bool {
        let response = try await runRequest(
            "PATCH", runLeasesEndpoint, ownFilter(lease), prefer: Self.representation,
            body: PostgRESTJSON.object([("expires_at", Self.expiry(Date(), ttl))]))
        return decode(LeaseJSON.self, response).count == 1
    }

    public func finishPartition(_ lease: PartitionLease, state: RunPartition.State, counts: String) async throws -> Bool {
        let response = try await runRequest(
            "PATCH", runLeasesEndpoint, ownFilter(lease), prefer: Self.representation,
            body: PostgRESTJSON.object([
                ("state", state.rawValue), ("counts", counts), ("owner", nil), ("token", nil), ("expires_at", nil),
            ]))
        return decode(LeaseJSON.self, response).count == 1
    }

    /// No transaction: the run's state and the lease are checked (and the lease renewed, and the
    /// batch counted with a compare-and-set on `last_batch`) by separate requests before or after
    /// the batch's own requests. See docs/scale.md for what this guarantees.
    public func checkpoint(_ lease: PartitionLease, lastKey: String?, ttl: Duration) async throws -> Bool {
        guard let run = try await run(id: lease.run), SyncRun.State.applicable.contains(run.state) else { return false }
        let now = CatalogTimestamp.format(Date())
        let current = try await runRequest(
            "GET", runLeasesEndpoint, ownFilter(lease) + [("expires_at", "gt." + now), ("select", "prefix,last_batch")])
        guard let row = decode(LeaseJSON.self, current).first else { return false }
        var fields: [(String, String?)] = [("expires_at", Self.expiry(Date(), ttl))]
        if let lastKey { fields += [("last_batch", String((row.last_batch ?? 0) + 1)), ("last_key", lastKey)] }
        let response = try await runRequest(
            "PATCH", runLeasesEndpoint, ownFilter(lease) + [("last_batch", "eq." + String(row.last_batch ?? 0))],
            prefer: Self.representation, body: PostgRESTJSON.object(fields))
        return decode(LeaseJSON.self, response).count == 1
    }
}
