@testable import ObjectStore
import R2STestSupport
import S3
import Testing

/// How long a parallel listing takes, in round trips, for three shapes of bucket, on a fixed
/// schedule (`lockstep`: one round is one request of every stream, all in flight together), so
/// the count does not depend on the machine's load. Pages of 5 keys stand for S3's 1,000.
///
/// Before the cuts learnt folder ends (issue 17's benchmark), a flat folder took 86 rounds for
/// 100 pages with 8 streams — one stream did nearly all of it, because the idle streams halved
/// the empty key space between the folder's last key and its bound `flat~` — and folders of
/// unequal sizes took 32–46 rounds and up to 233 pages.
extension RangeListingTests {
    enum Shape: String, CaseIterable, CustomTestStringConvertible {
        case folders = "20 folders of 5 pages"
        case flat = "one flat folder of 100 pages"
        case uneven = "4 folders of 20 pages among 16 of 1"
        var testDescription: String { rawValue }

        var keys: [String] {
            func counter(_ n: Int, digits: Int) -> String { String(String(n + 10_000_000).suffix(digits)) }
            switch self {
            case .folders: return (0..<20).flatMap { f in (0..<25).map { "docs/f\(counter(f, digits: 2))/\(counter($0, digits: 6))" } }
            case .flat: return (0..<500).map { "flat/\(counter($0, digits: 7))" }
            case .uneven:
                return (0..<20).flatMap { f in (0..<(f % 5 == 0 ? 100 : 5)).map { "docs/f\(counter(f, digits: 2))/\(counter($0, digits: 6))" } }
            }
        }
    }

    @Test("8 streams list each shape in few round trips more than an even share, at few extra pages", arguments: Shape.allCases)
    func roundTrips(_ shape: Shape) async throws {
        guard let (asked, rounds, pages) = try await Self.listInLockstep(shape, from: { _ in [KeyRange()] }) else { return }
        // An even share is pages / 8 rounds, plus the first page, which comes alone.
        #expect(rounds <= 2 * (pages / 8 + 1), "\(rounds) rounds for \(pages) pages")
        #expect(asked <= pages + pages / 2, "\(asked) pages asked for \(pages)")
    }

    @Test("first cuts from keys known before the listing (the catalog's statistics): every stream starts at once", arguments: Shape.allCases)
    func roundTripsFromFirstCuts(_ shape: Shape) async throws {
        let cut: ([String]) -> [KeyRange] = { keys in
            // Every fifth key stands for the histogram's bounds (100 of 500 rows here, ~100 always).
            let first = RangeCuts.ranges(under: "", from: keys.enumerated().filter { $0.offset % 5 == 0 }.map(\.element), count: 8)
            #expect(first.count == 8)
            Self.expectTiling(first, of: [KeyRange()])
            return first
        }
        guard let (asked, rounds, pages) = try await Self.listInLockstep(shape, from: cut) else { return }
        // From one range the folder shape took 20 rounds and 132 pages (above).
        #expect(rounds <= pages / 8 + 4, "\(rounds) rounds for \(pages) pages")
        #expect(asked <= pages + pages / 4, "\(asked) pages asked for \(pages)")
    }

    /// Puts the shape's keys on SeaweedFS and lists them on the fixed schedule from the ranges
    /// `first` makes of them; checks the cover. Nil when the server is not running.
    static func listInLockstep(
        _ shape: Shape, from first: ([String]) -> [KeyRange]
    ) async throws -> (asked: Int, rounds: Int, pages: Int)? {
        guard let client = try await Self.client(.seaweedFS) else { return nil }
        defer { Task { await Self.drop(client) } }
        let keys = shape.keys
        try await Self.put(keys, into: client)
        let (asked, ranges, rounds) = try await Self.lockstep(
            CountingStore(base: client), prefix: "", pageSize: 5, streams: 8, ranges: first(keys))
        let listed = ranges.flatMap(\.1)
        #expect(Set(Self.bytes(listed)) == Set(Self.bytes(keys)) && listed.count == keys.count)
        return (asked, rounds, keys.count / 5)
    }

    @Test("first cuts: the prefix's own keys only, at even quantiles, in byte order; none usable → one range")
    func firstCuts() {
        let keys = ["b/3", "a/9", "b/1", "b/2", "b/2", "b", "c/1", "b/4", "b/5", "b/6"]
        let ranges = RangeCuts.ranges(under: "b/", from: keys, count: 3)
        #expect(ranges == [KeyRange(through: "b/3"), KeyRange(after: "b/3", through: "b/5"), KeyRange(after: "b/5")])
        #expect(RangeCuts.ranges(under: "z/", from: keys, count: 8) == [KeyRange()])
        #expect(RangeCuts.ranges(under: "b/", from: keys, count: 1) == [KeyRange()])
        // More streams than keys: each key cuts once.
        #expect(RangeCuts.ranges(under: "b/", from: ["b/1", "b/2"], count: 8).count == 3)
        // Byte order, not Unicode scalar order of Swift's `<` on String... and NFC/NFD apart.
        let odd = RangeCuts.ranges(under: "", from: ["é", "e\u{301}", "z", "~"], count: 5)
        for (a, b) in zip(odd, odd.dropFirst()) { #expect(a.through == b.after) }
        let points = odd.compactMap(\.through)
        #expect(points == points.sorted { KeyOrder.less($0, $1) } && Set(points.map { Array($0.utf8) }).count == points.count)
    }

    // Cuts ahead of the keys at folder after folder (`f20~`, `f21~`, … counted up to `z99~`) did
    // not stop at the last folder: on real timing, an idle stream cut the open end again before
    // its first (empty) page was back, and the benchmark's no-op sync asked for 2,800–3,200
    // pages instead of ~140. The fixed schedule above cannot show it: the real lister is run.
    @Test("a concurrent listing stops cutting folders ahead once one comes back empty", arguments: Server.allCases)
    func noRunawayPastTheLastFolder(_ server: Server) async throws {
        guard let client = try await Self.client(server) else { return }
        defer { Task { await Self.drop(client) } }
        let keys = Shape.uneven.keys
        try await Self.put(keys, into: client)
        let store = CountingStore(base: client)
        for _ in 0..<3 {  // the cuts depend on which page comes back first
            let before = store.pages
            let lister = RangeLister(store: store, prefix: "", pageSize: 5, concurrency: 8)
            let reference = try await client.listAll().map(\.key)
            _ = try await Self.expectExactCover(lister, reference: reference)
            let asked = store.pages - before
            #expect(asked <= 2 * keys.count / 5, "\(asked) pages for \(keys.count / 5)")
        }
    }
}
