/// What a parallel listing did, for progress lines and tests.
public struct RangeListingReport: Sendable {
    /// Ranges listed (the first one plus one per split).
    public var ranges = 0

    public init() {}
}

/// A page came back out of strictly increasing byte order: the server's order (and so its
/// `start-after`) cannot be trusted, for this range or any other. The caller lists the prefix
/// again one page after another (`ObjectIndex.readInRanges` does, and says so).
public struct RangeListingOutOfOrder: Error, Sendable {
    /// The range whose page broke the order.
    public var range: KeyRange
}

/// Lists one prefix of any `ObjectStore` with several streams at once (issue 17 §1).
///
/// S3 pages are a chain: each continuation token comes from the page before, so one listing
/// waits one round trip per 1,000 keys. Here the key space is cut into ranges `(after, through]`
/// listed concurrently with `start-after` and a client-side stop. The cuts are made while
/// listing, from keys already seen (`KeySplit`), so nothing about the distribution is needed up
/// front: the first stream lists from the start; an idle stream cuts the open end of a range a
/// few pages past its last page, or halves the biggest bounded remainder. Keys arrive per
/// completed range, each range in byte order; ranges complete in any order.
///
/// Every page is checked to be in strictly increasing byte order (the keys past a range's bound
/// too): a server that breaks it may also skip keys after a `start-after`, so the listing stops
/// with `RangeListingOutOfOrder` rather than return a cover it cannot vouch for.
public struct RangeLister: Sendable {
    public let store: any ObjectStore
    public let prefix: String
    public let pageSize: Int
    public let concurrency: Int

    public init(store: any ObjectStore, prefix: String, pageSize: Int = 1000, concurrency: Int = 8) {
        self.store = store
        self.prefix = prefix
        self.pageSize = pageSize
        self.concurrency = max(1, concurrency)
    }

    /// Lists every key under `prefix` exactly once. Throws (after stopping every stream) when
    /// any page fails or breaks the byte order; a failed listing must never be taken as complete.
    ///
    /// - Parameters:
    ///   - ranges: the starting cut (default: one range over everything); must cover the key space.
    ///   - pageListed: called after each page with the number of keys kept (progress); an error it
    ///     throws stops every stream, as a failed page does.
    ///   - rangeListed: called once per range with its keys, in byte order.
    public func list(
        ranges: [KeyRange] = [KeyRange()],
        pageListed: @escaping @Sendable (_ kept: Int) throws -> Void = { _ in },
        rangeListed: @escaping @Sendable (_ range: KeyRange, _ objects: [ObjectInfo]) throws -> Void
    ) async throws -> RangeListingReport {
        let board = RangeBoard(ranges, lookahead: max(8, 2 * concurrency), floor: prefix)
        let lister = self
        let outcome = try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: RangeListingReport.self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        do {
                            return try await lister.stream(board, pageListed: pageListed, rangeListed: rangeListed)
                        } catch {
                            await board.stop()
                            throw error
                        }
                    }
                }
                var total = RangeListingReport()
                for try await part in group { total.ranges += part.ranges }
                return total
            }
        } onCancel: {
            Task { await board.stop() }
        }
        try Task.checkCancellation()
        return outcome
    }

    /// One stream: claims ranges until none is left.
    private func stream(
        _ board: RangeBoard, pageListed: @Sendable (Int) throws -> Void,
        rangeListed: @Sendable (KeyRange, [ObjectInfo]) throws -> Void
    ) async throws -> RangeListingReport {
        var report = RangeListingReport()
        while let (id, range) = await board.claim() {
            report.ranges += 1
            var objects: [ObjectInfo] = []
            // Under the bounds' common prefix, a range's last page ends at the prefix's end (a
            // range cut inside one folder costs no page of the next folder's keys).
            let options = ListOptions(prefix: range.listingPrefix(floor: prefix), startAfter: range.after, pageSize: pageSize)
            var pages = store.list(options).makeAsyncIterator()
            pages: while let page = try await pages.next() {
                try Task.checkCancellation()
                // The stream cannot tell whether more pages follow without asking; an empty
                // page never ends a listing, so the end is the stream's own end.
                switch await board.accept(id, page.objects, more: true) {
                case .keep(let kept, let done):
                    objects.append(contentsOf: kept)
                    try pageListed(kept.count)
                    if done { break pages }
                case .outOfOrder:
                    throw RangeListingOutOfOrder(range: await board.settled(id) ?? range)
                }
            }
            try rangeListed(await board.settled(id) ?? range, objects)
            await board.finish(id)
        }
        return report
    }
}
