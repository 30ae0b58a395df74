import ObjectStore
import Scope
import Synchronization

extension ObjectIndex {
    /// `read`, with each prefix listed by `concurrency` streams over key ranges (`RangeLister`,
    /// issue 17 §1): the same index, in a fraction of the round trips' wall time when pages are
    /// far away. Ranges complete in any order; the index is sorted once at the end.
    ///
    /// - Parameter outOfOrder: called when a server listed a prefix out of byte order; that
    ///   prefix was then listed again one page after another (the result is still complete).
    ///   - cuts: keys (any order, any prefix) to start each prefix's listing from: the prefix's own
    ///     keys among them, thinned to `concurrency` ranges (`RangeCuts`); empty: one range.
    static func readInRanges(
        store: any ObjectStore, prefixes: [String], pageSize: Int, concurrency: Int, scope: Scope, cuts: [String] = [],
        pageDone: @escaping @Sendable (_ listed: Int) throws -> Void,
        outOfOrder: @escaping @Sendable (_ prefix: String) -> Void
    ) async throws -> ObjectIndex {
        var index = ObjectIndex()
        for prefix in prefixes {
            let before = index.listed
            // Each range's entries, kept apart and joined in key order at the end: ranges complete
            // in any order, and entries appended as they come would need a sort of the whole index.
            let parts = Mutex<[(after: String?, index: ObjectIndex)]>([])
            let counted = Mutex(0)
            let lister = RangeLister(store: store, prefix: prefix, pageSize: pageSize, concurrency: concurrency)
            do {
                _ = try await lister.list(
                    ranges: RangeCuts.ranges(under: prefix, from: cuts, count: concurrency),
                    pageListed: { kept in try pageDone(before + counted.withLock { $0 += kept; return $0 }) },
                    rangeListed: { range, objects in
                        // Scope and key mapping run in the listing stream, outside the lock.
                        var built = ObjectIndex()
                        built.entries.reserveCapacity(objects.count)
                        for info in objects { built.add(listed: info, scope: scope) }
                        parts.withLock { [built] in $0.append((range.after, built)) }
                    })
                // Ranges are disjoint: ordered by their lower bounds, their keys are in byte order.
                let ordered = parts.withLock { $0 }.sorted { a, b in
                    guard let before = a.after else { return b.after != nil }
                    return b.after.map { KeyOrder.less(before, $0) } ?? false
                }
                index.entries.reserveCapacity(index.entries.count + ordered.reduce(0) { $0 + $1.index.entries.count })
                for part in ordered { index.append(part.index) }
            } catch is RangeListingOutOfOrder {
                // The server's order (so its start-after) cannot be trusted: one chain of pages.
                outOfOrder(prefix)
                let whole = try await read(
                    store: store, prefixes: [prefix], pageSize: pageSize, scope: scope, pageDone: { try pageDone(before + $0) })
                for entry in whole.entries { index.add(entry, canonicalKey: entry.canonicalKey) }
            }
        }
        index.sort()
        return index
    }
}
