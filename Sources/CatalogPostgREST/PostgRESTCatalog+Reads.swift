public import Catalog
public import FoundationEssentials
import R2SCore

extension PostgRESTCatalog {
    public func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> {
        let reader = KeysetReader(store: self, query: query)
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

/// One keyset-paginated read: `order=id.asc&id=gt.<last>&limit=<page>` until an empty page,
/// with the first page asking `Prefer: count=exact`. The stream throws at the end when the
/// number of rows received differs from that count, so a caller that consumes the whole stream
/// without an error has every row.
///
/// `@unchecked Sendable`: AsyncThrowingStream(unfolding:) calls `next()` one at a time.
final class KeysetReader: @unchecked Sendable {
    private let store: PostgRESTCatalog
    private let query: RecordQuery
    private let pageSize: Int
    private let filters: [(String, String)]
    private let clientFilter: Bool
    private var last: String?
    private var expected: Int?
    private var received = 0
    private var done = false

    init(store: PostgRESTCatalog, query: RecordQuery) {
        self.store = store
        self.query = query
        self.pageSize = max(1, min(query.pageSize, store.maxRows))
        self.filters = PostgRESTFilter.filters(query)
        self.clientFilter = PostgRESTFilter.needsClientFilter(query)
    }

    func next() async throws -> [CatalogRecord]? {
        while !done {
            var pairs = filters + [("select", PostgRESTJSON.select), ("order", "id.asc"), ("limit", String(pageSize))]
            if let last { pairs.append(("id", "gt." + last)) }
            let first = expected == nil
            let response = try await store.request(
                "GET", store.endpoint + "?" + PostgRESTFilter.queryString(pairs), prefer: first ? ["count=exact"] : [])
            if first {
                guard let total = response.contentRangeTotal else {
                    throw CatalogError(.server, LocalizedText("PostgREST sent no count (Content-Range) for Prefer: count=exact"))
                }
                expected = total
                if total == 0 { store.warnIfRLS("0 rows visible") }
            }
            let page = try PostgRESTJSON.records(response.body)
            received += page.count
            let total = expected ?? 0
            // A page shorter than asked ends the read only once the count is reached: a server
            // whose max-rows is below the page size returns short pages before the end.
            if page.isEmpty || (page.count < pageSize && received >= total) {
                done = true
                guard received == total else {
                    throw CatalogError.incompleteRead(
                        expected: total, received: received,
                        hint: LocalizedText(
                            en: "rows were added or removed during the read, or the server caps responses; run the command again",
                            ptBR: "linhas foram incluídas ou removidas durante a leitura, ou o servidor corta respostas; rode de novo"))
                }
            }
            guard let lastRow = page.last else { return nil }
            last = lastRow.id.uuidString.lowercased()
            let kept = clientFilter ? page.filter(query.matches) : page
            if !kept.isEmpty { return kept }
        }
        return nil
    }
}
