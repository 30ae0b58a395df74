public import Catalog
public import FoundationEssentials
import UserFacing

extension PostgRESTCatalog {
    public func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> {
        let reader = RangeReader(store: self, query: query)
        return AsyncThrowingStream { try await reader.next() }
    }

    public func count(_ query: RecordQuery) async throws -> Int {
        if PostgRESTFilter.needsClientFilter(query) {
            // The server over-approximates a literal `*`: count what the read keeps.
            var n = 0
            for try await page in records(query) { n += page.count }
            return n
        }
        let qs = PostgRESTFilter.queryString(PostgRESTFilter.filters(query) + [("select", "id"), ("limit", "1")])
        let response = try await request("GET", endpoint + "?" + qs, prefer: ["count=exact"])
        guard let total = response.contentRangeTotal else {
            throw CatalogError(.server, LocalizedText("PostgREST sent no count (Content-Range) for Prefer: count=exact"))
        }
        if total == 0 { warnIfRLS("0 rows counted") }
        return total
    }

    public func record(id: UUID) async throws -> CatalogRecord? {
        let qs = PostgRESTFilter.queryString([("select", PostgRESTJSON.select), ("id", "eq." + id.uuidString.lowercased())])
        return try PostgRESTJSON.records(try await request("GET", endpoint + "?" + qs).body).first
    }

    public func records(urls: [String]) async throws -> [CatalogRecord] {
        var out: [CatalogRecord] = []
        // Batches are cut by encoded length (~6 KB of `in.(…)`), not count: long, percent-encoded
        // urls would otherwise hit 414 URI Too Long well below 100 values.
        var batch: [String] = []
        var length = 0
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let qs = PostgRESTFilter.queryString([
                ("select", PostgRESTJSON.select), ("url", "in.(" + batch.joined(separator: ",") + ")"), ("order", "id.asc"),
            ])
            out += try PostgRESTJSON.records(try await request("GET", endpoint + "?" + qs).body)
            batch = []
            length = 0
        }
        for url in urls {
            let item = PostgRESTFilter.quoted(url)
            let cost = PostgRESTFilter.encode(item).utf8.count + 3
            if !batch.isEmpty && (length + cost > 6000 || batch.count >= 100) { try await flush() }
            batch.append(item)
            length += cost
        }
        try await flush()
        return out
    }

    /// Rows by id, in batches of 100 (for re-reading rows a capped insert did not return).
    func records(ids: [UUID]) async throws -> [CatalogRecord] {
        var out: [CatalogRecord] = []
        for start in stride(from: 0, to: ids.count, by: 100) {
            let list = ids[start..<min(start + 100, ids.count)].map { $0.uuidString.lowercased() }.joined(separator: ",")
            let qs = PostgRESTFilter.queryString([("select", PostgRESTJSON.select), ("id", "in.(" + list + ")")])
            out += try PostgRESTJSON.records(try await request("GET", endpoint + "?" + qs).body)
        }
        return out
    }
}
