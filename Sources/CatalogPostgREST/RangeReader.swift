import Catalog
import FoundationEssentials
import UserFacing

/// One complete read of the rows in scope over PostgREST, correct while the app keeps writing.
///
/// Every request asks for one **id range** — `id=gt.<lower>&id=lte.<upper>&order=id.asc` — with
/// `Prefer: count=exact`. PostgREST computes the rows and the count in one SQL statement, so
/// they come from one snapshot: a range is accepted only when the server sent exactly as many
/// rows as it counted in it. Concurrent inserts, updates and deletes cannot make that check fail
/// (they land in one snapshot or the next), but a server that drops rows from a response —
/// Supabase's max-rows below the page size, a proxy that cuts rows — is caught on that range.
///
/// Range widths adapt so a range holds about 85 % of a page (uuids are mostly random, so a
/// range of the id space is a fair sample); after an empty range the next request is open-ended
/// (everything above), so a gap in the ids costs two requests. A range that holds more than one response carries
/// is narrowed to end at the `target`-th row the server sent — a range that held exactly those rows in
/// that snapshot — and asked again; a server that keeps sending fewer rows than it counts, or an
/// inconsistent number of them, fails the read with `incompleteRead`.
///
/// `@unchecked Sendable`: AsyncThrowingStream(unfolding:) calls `next()` one at a time.
final class RangeReader: @unchecked Sendable {
    private let store: PostgRESTCatalog
    private let query: RecordQuery
    private let pageSize: Int
    private let filters: [(String, String)]
    private let clientFilter: Bool
    /// Rows a range should hold (lowered when the server turns out to cap responses lower).
    private var target: Int
    /// Exclusive lower bound of the next range; `nil` before the first range is done.
    private var lower: IDPoint?
    /// Width of the next range; `nil` = up to the end (the first request asks for everything).
    private var width: IDPoint?
    /// The row count at which the server cuts responses, once seen.
    private var cap: Int?
    /// Consecutive responses that could not be verified.
    private var unverified = 0
    private var firstRequest = true
    private var done = false

    /// Narrowing twice always verifies on an honest server, unless the app writes into that very
    /// range each time; a server that drops rows never verifies.
    static let maxUnverified = 4

    init(store: PostgRESTCatalog, query: RecordQuery) {
        self.store = store
        self.query = query
        self.pageSize = max(1, min(query.pageSize, store.maxRows))
        self.target = max(1, pageSize * 85 / 100)
        self.filters = PostgRESTFilter.filters(query)
        self.clientFilter = PostgRESTFilter.needsClientFilter(query)
    }

    func next() async throws -> [CatalogRecord]? {
        while !done {
            try Task.checkCancellation()
            let upper = width.flatMap { (lower ?? .zero).adding($0) }
            let (page, total) = try await fetch(above: lower, upTo: upper)
            if page.count == total {
                // The whole range, as the server counted it in the same snapshot.
                unverified = 0
                if let upper {
                    lower = upper
                    // An empty range says nothing about how far the next rows are (ids bunched
                    // at one end, a gap): ask for everything above, then narrow, instead of
                    // growing the width step by step across the gap.
                    width = total == 0 ? nil : rescaled(width ?? .max, rowsInRange: total)
                } else {
                    done = true
                }
                let kept = clientFilter ? page.filter(query.matches) : page
                if !kept.isEmpty { return kept }
                continue
            }
            guard page.count < total, !page.isEmpty else {
                throw Self.truncated(counted: total, sent: page.count)
            }
            // Fewer rows than counted: our limit, the server's own cap (a prefix of the range),
            // or rows lost on the way. A cap is one fixed number; anything else is a loss.
            if page.count < pageSize {
                if let cap, cap != page.count { throw Self.truncated(counted: total, sent: page.count) }
                cap = page.count
                target = max(1, min(target, page.count * 85 / 100))
            }
            unverified += 1
            guard unverified <= Self.maxUnverified else { throw Self.truncated(counted: total, sent: page.count) }
            // The range up to a row sent held exactly the rows before it (if none were lost): ask
            // for that range again, now small enough to verify. Not up to the *last* row: then
            // the range holds a full page, and one row the app inserts into it meanwhile makes it
            // overflow again — under 60 writes/s that failed four times in a row on a loaded
            // machine (LiveReadTests). Ending at `target` rows leaves room for 15 % of inserts.
            let keep = min(page.count, max(1, target))
            width = IDPoint(page[keep - 1].id).subtracting(lower ?? .zero)
        }
        return nil
    }

    /// One range: its rows (checked to lie inside it, in order) and the server's count of it.
    private func fetch(above lower: IDPoint?, upTo upper: IDPoint?) async throws -> ([CatalogRecord], Int) {
        var pairs = filters + [("select", PostgRESTJSON.select), ("order", "id.asc"), ("limit", String(pageSize))]
        if let lower { pairs.append(("id", "gt." + lower.uuidString)) }
        if let upper { pairs.append(("id", "lte." + upper.uuidString)) }
        let response = try await store.request("GET", store.endpoint + "?" + PostgRESTFilter.queryString(pairs), prefer: ["count=exact"])
        guard let total = response.contentRangeTotal else {
            throw CatalogError(.server, LocalizedText("PostgREST sent no count (Content-Range) for Prefer: count=exact"))
        }
        if firstRequest, total == 0 { store.warnIfRLS("0 rows visible") }
        firstRequest = false
        let page = try PostgRESTJSON.records(response.body)
        // A server that ignored the id filters or the order would make the ranges meaningless.
        var previous = lower
        for row in page {
            let point = IDPoint(row.id)
            guard previous.map({ $0 < point }) ?? true, upper.map({ point <= $0 }) ?? true else {
                throw CatalogError(
                    .server,
                    LocalizedText(
                        en: "PostgREST returned rows outside the requested id range or out of order",
                        ptBR: "o PostgREST devolveu linhas fora do intervalo de ids pedido ou fora de ordem"),
                    hint: LocalizedText(
                        en: "check that SUPABASE_URL points at PostgREST (or Supabase) and no proxy rewrites queries",
                        ptBR: "verifique se SUPABASE_URL aponta para o PostgREST (ou Supabase) e se nenhum proxy reescreve as consultas"))
            }
            previous = point
        }
        return (page, total)
    }

    /// The next width, aiming at `target` rows: this range's width scaled by how full it was
    /// (`n` ≥ 1 rows, at most a page, so the factor lies in target/page … target), never empty.
    private func rescaled(_ width: IDPoint, rowsInRange n: Int) -> IDPoint {
        let factor = Double(target) / Double(max(n, 1))
        return max(IDPoint(hi: 0, lo: 1), IDPoint(approximately: width.approximateValue * factor))
    }

    static func truncated(counted: Int, sent: Int) -> CatalogError {
        CatalogError.incompleteRead(
            expected: counted, received: sent,
            hint: LocalizedText(
                en: "the server sent fewer rows than it counted for the same id range (a proxy or gateway cutting responses?); nothing was read past it — check the path to PostgREST and run again",
                ptBR: "o servidor enviou menos linhas do que contou para o mesmo intervalo de ids (um proxy ou gateway cortando respostas?); nada foi lido além dele — verifique o caminho até o PostgREST e rode de novo"))
    }
}
