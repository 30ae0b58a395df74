/// The shared state of one parallel listing: which ranges wait, which are being listed and how
/// far. Idle streams take a waiting range, or split the biggest one in progress (work stealing),
/// or wait for the next page to give them something to split.
///
/// Accepting a page and splitting a range both happen inside this actor, so a split point is
/// always above every key already accepted for the range it cuts: no key is kept twice or lost.
actor RangeBoard {
    /// One range being listed.
    struct Active {
        var range: KeyRange
        /// The last key accepted (the range's keys up to here are done).
        var cursor: String?
        /// The first key of the last accepted page (with `cursor`: the density of keys).
        var pageFirst: String?
        /// The server said more keys follow (and the range did not reach its bound).
        var more = true
        /// The folder depth its open end is cut at before its first page is in (`KeySplit.sibling`).
        var depth: Int?
        /// A page came back with no key at all: the listing is at its end (the stream learns it
        /// only on its next request), so nothing is left to cut — cutting the open end of an
        /// empty range at folder after folder would never stop.
        var drained = false
    }

    /// What a stream does with a page it received.
    enum Verdict {
        /// Keep these keys; `done` when the range is complete (bound reached or listing ended).
        case keep([ObjectInfo], done: Bool)
        /// The page is not in strictly increasing byte order: the server's `start-after` cannot be
        /// trusted for any range.
        case outOfOrder
    }

    private var waiting: [KeyRange]
    private var active: [Int: Active] = [:]
    private var nextID = 0
    private var sleepers: [CheckedContinuation<Void, Never>] = []
    private var stopped = false
    /// How far (in pages) past the last page an open-ended range is cut.
    private let lookahead: Int
    /// The listing's prefix: folder cuts stay inside it.
    private let floor: String
    private(set) var splits = 0
    /// A range cut ahead at a folder boundary came back empty: no more such cuts (see `accept`).
    private var foldersRanOut = false

    init(_ ranges: [KeyRange], lookahead: Int, floor: String = "") {
        waiting = ranges.reversed()
        self.lookahead = lookahead
        self.floor = floor
    }

    /// The next range for an idle stream, or nil when everything is listed (or the listing stopped).
    func claim() async -> (id: Int, range: KeyRange)? {
        while !stopped, !Task.isCancelled {
            if let claimed = take() { return claimed }
            if active.isEmpty { return nil }
            await withCheckedContinuation { sleepers.append($0) }
        }
        return nil
    }

    /// A waiting range or one cut from a range in progress, without waiting: nil when there is
    /// nothing to hand out right now. `claim` waits on it; tests drive it in a fixed order, so
    /// the cuts (and the pages they cost) do not depend on task scheduling.
    func take() -> (id: Int, range: KeyRange)? {
        guard !stopped, let (range, depth) = waiting.popLast().map({ ($0, Int?.none) }) ?? steal() else { return nil }
        nextID += 1
        active[nextID] = Active(range: range, depth: depth)
        return (nextID, range)
    }

    /// Nothing waits and nothing is being listed: the listing is complete (or was stopped).
    var isIdle: Bool { waiting.isEmpty && active.isEmpty }

    /// Checks one page against the range's (possibly shrunk) bound and its order, and records it.
    func accept(_ id: Int, _ objects: [ObjectInfo], more: Bool) -> Verdict {
        guard var state = active[id] else { return .keep([], done: true) }
        var previous = state.cursor ?? state.range.after
        var kept: [ObjectInfo] = []
        kept.reserveCapacity(objects.count)
        var reachedBound = false
        for object in objects {
            if let previous, !KeyOrder.less(previous, object.key) { return .outOfOrder }
            previous = object.key
            if reachedBound { continue }  // past the bound: checked for order, not kept
            if let through = state.range.through, KeyOrder.less(through, object.key) {
                reachedBound = true
            } else {
                kept.append(object)
            }
        }
        if let first = kept.first?.key, let last = kept.last?.key {
            state.pageFirst = first
            state.cursor = last
        }
        state.more = more && !reachedBound
        if objects.isEmpty {
            state.drained = true
            // A folder cut ahead of the keys held none: the folders have run out (or skip a
            // name). Cutting on ahead would hand out empty folder after folder for as long as
            // names can be counted up (`f20~`, `f21~`, … `z99~`), a request each; the open end
            // is now cut from its own pages only.
            if state.cursor == nil, state.depth != nil { foldersRanOut = true }
        }
        active[id] = state
        wake()
        return .keep(kept, done: !state.more)
    }

    /// The listing of the range ended: no more splits; the range as it stands now (its upper
    /// bound may have been cut by splits).
    func settled(_ id: Int) -> KeyRange? {
        active[id]?.more = false
        return active[id]?.range
    }

    /// The range is listed completely (or failed): idle streams may have work now.
    func finish(_ id: Int) {
        active[id] = nil
        wake()
    }

    /// Stops handing out ranges (a stream failed, or the listing was cancelled).
    func stop() {
        stopped = true
        wake()
    }

    /// The end of `key`'s folder (`docs/f00/…` → `docs/f00~`) when it lies below `through` (nil:
    /// the open end) — the range holds more than that folder; nil otherwise.
    private func folderEnd(_ key: String, below through: String?) -> String? {
        let depth = KeySplit.parentDepth(key, floor: floor)
        guard depth > 0, let end = KeySplit.sibling(of: key, floor: floor, depth: depth) else { return nil }
        if let through, !KeyOrder.less(end, through) { return nil }
        return end
    }

    private func wake() {
        let all = sleepers
        sleepers = []
        for s in all { s.resume() }
    }

    /// Cuts the biggest remainder of a range in progress; the new upper part is returned for the
    /// idle stream (with the folder depth its own open end is cut at) and the owner keeps the
    /// lower part (its continuation token stays valid).
    private func steal() -> (KeyRange, Int?)? {
        var best: (id: Int, point: String, size: Double, depth: Int?)?
        for (id, state) in active where state.more && !state.drained {
            let point: String?
            var size: Double, depth: Int?
            if let cursor = state.cursor, state.pageFirst != nil, let end = folderEnd(cursor, below: state.range.through) {
                // The range runs on past its cursor's folder: hand the next folders to the idle
                // stream and keep this one. A guess from the page's density knows nothing of where
                // the folder ends: a cut inside a small folder (5 pages in the benchmark) lands in
                // the empty space past its end.
                size = .infinity
                point = end
                depth = KeySplit.parentDepth(cursor, floor: floor)
            } else if let cursor = state.cursor, let first = state.pageFirst, let through = state.range.through {
                size = KeySplit.remainingPages(first: first, last: cursor, limit: through) ?? .infinity
                // Under two pages left: splitting costs a request and saves nothing.
                guard size >= 2 else { continue }
                // A bound far past what the density promises (a folder's end `docs/f00~`, the
                // open end `flat~` of a flat folder) is mostly empty key space: its midpoint lies
                // above every key, so the cut would hand out an empty range and the owner would keep
                // the whole folder (a flat 100k folder was listed almost one page after another).
                // Cut `lookahead` pages on instead, as for an open end, ranked by the part the
                // density vouches for (`lookahead` pages): below the next folders of an open end
                // (`2 * lookahead`).
                if size > Double(2 * lookahead), let near = KeySplit.beyond(first: first, last: cursor, pages: lookahead),
                    KeyOrder.less(near, through)
                {
                    point = near
                    size = Double(lookahead)
                } else {
                    point = KeySplit.between(cursor, through)
                }
            } else if let cursor = state.cursor, let first = state.pageFirst {
                size = .infinity
                point = KeySplit.beyond(first: first, last: cursor, pages: lookahead)
            } else if state.range.through == nil, !foldersRanOut, let after = state.range.after {
                // An open end whose first page is not in yet: cut at the next folder, so idle streams
                // take a folder each at once. Ranked below a bounded remainder of many pages.
                let d = state.depth ?? KeySplit.parentDepth(after, floor: floor)
                size = Double(2 * lookahead)
                point = KeySplit.sibling(of: after, floor: floor, depth: d)
                depth = d
            } else {
                continue
            }
            guard let point else { continue }
            if best == nil || size > best!.size || (size == best!.size && id < best!.id) { best = (id, point, size, depth) }
        }
        guard let best, var state = active[best.id] else { return nil }
        let upper = KeyRange(after: best.point, through: state.range.through)
        state.range.through = best.point
        active[best.id] = state
        splits += 1
        return (upper, best.depth)
    }
}
