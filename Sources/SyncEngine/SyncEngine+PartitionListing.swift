import Catalog
import FoundationEssentials
import ObjectStore
import Scope
import Synchronization

extension SyncEngine {
    /// Lists every prefix into spilled segments (`ListedSegment`) with the range streams of
    /// `--list-concurrency` (issue 17 §1), each range's keys written to a file of their own as
    /// the range completes, so the partitioned path lists as fast as the in-memory one. Keys
    /// whose NFC form differs from their bytes (NFD), or that a one-chain listing returned out of
    /// byte order, go to `i<prefix>`: they are routed by canonical key once the bounds are known.
    ///
    /// A prefix the server listed out of byte order is listed again one page after another
    /// (its range files dropped), as `ObjectIndex.readInRanges` does.
    func listIntoSegments(
        _ prefixes: [String], options: SyncOptions, folder: String,
        pageDone: @escaping @Sendable (Int) -> Void, outOfOrder: @escaping @Sendable (String) -> Void
    ) async throws -> [ListedSegment] {
        let state = Mutex((next: 0, listed: 0, segments: [ListedSegment]()))
        let scope = self.scope
        for (n, prefix) in prefixes.enumerated() {
            let before = state.withLock { $0.listed }
            if options.listConcurrency > 1, objectStore.listsRangesConcurrently {
                let lister = RangeLister(store: objectStore, prefix: prefix, pageSize: options.listPageSize, concurrency: options.listConcurrency)
                do {
                    _ = try await lister.list(
                        pageListed: { kept in pageDone(state.withLock { $0.listed += kept; return $0.listed }) },
                        rangeListed: { range, objects in
                            // Scope, type and NFC work run in the listing streams, outside the lock.
                            var regular = SpillEncoder(), irregular = SpillEncoder()
                            var count = 0
                            for info in objects {
                                let (object, canonical) = ObjectIndex.indexed(info, scope: scope)
                                if KeyOrder.same(canonical, info.key) {
                                    regular.record(SpilledObject(object))
                                    count += 1
                                } else {
                                    irregular.record(SpilledObject(object))
                                }
                            }
                            let name = state.withLock { $0.next += 1; return "l\($0.next)" }
                            if !regular.bytes.isEmpty { try SpillFolder.write(regular.bytes, appendingTo: folder + "/" + name) }
                            try state.withLock { s in
                                s.segments.append(ListedSegment(prefix: n, after: range.after, file: name, count: count))
                                if !irregular.bytes.isEmpty { try SpillFolder.write(irregular.bytes, appendingTo: folder + "/i\(n)") }
                            }
                        })
                    continue
                } catch is RangeListingOutOfOrder {
                    outOfOrder(prefix)
                    let dropped = state.withLock { s in
                        s.listed = before
                        defer { s.segments.removeAll { $0.prefix == n } }
                        return s.segments.filter { $0.prefix == n }.map(\.file) + ["i\(n)"]
                    }
                    for file in dropped { SpillFolder.remove(folder + "/" + file) }
                }
            }
            let segment = try await listSequentially(prefix, n, options: options, folder: folder) { pageDone(before + $0) }
            state.withLock { s in
                s.listed = before + segment.count
                s.segments.append(segment)
            }
        }
        return state.withLock { $0.segments }.sorted(by: ListedSegment.ordered)
    }

    /// One prefix, one page after another (`--list-concurrency 1`, a local folder, or a server
    /// whose order cannot be trusted): keys out of strictly increasing byte order are set aside
    /// like NFD keys, so the segment stays sorted whatever the server does.
    private func listSequentially(
        _ prefix: String, _ n: Int, options: SyncOptions, folder: String, pageDone: (Int) -> Void
    ) async throws -> ListedSegment {
        let writer = SpillFolder(at: folder)
        let name = "s\(n)"
        var last: String?
        var count = 0, listed = 0
        for try await page in objectStore.list(ListOptions(prefix: prefix, pageSize: options.listPageSize)) {
            try Task.checkCancellation()
            for info in page.objects {
                let (object, canonical) = ObjectIndex.indexed(info, scope: scope)
                listed += 1
                if KeyOrder.same(canonical, info.key), last.map({ KeyOrder.less($0, info.key) }) ?? true {
                    try writer.append(SpilledObject(object), to: name)
                    last = info.key
                    count += 1
                } else {
                    try writer.append(SpilledObject(object), to: "i\(n)")
                }
            }
            pageDone(listed)
        }
        try writer.flush()
        return ListedSegment(prefix: n, after: nil, file: name, count: count)
    }
}
