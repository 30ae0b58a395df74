import Foundation
import ObjectStore
import R2STestSupport
import S3
import Synchronization
import Testing

/// Parallel range listing (issue 17 §1) on real servers: SeaweedFS (SigV4, filesystem-backed) and
/// moto (byte-exact keys, like R2). The reference is each server's own sequential listing, so a
/// server's key normalisation never makes the test wrong; what is checked is that the ranges
/// cover that listing exactly: every key once, none twice, each inside the range that returned it.
@Suite("Range listing", .serialized)
struct RangeListingTests {
    enum Server: String, CaseIterable, CustomTestStringConvertible {
        case seaweedFS = "SeaweedFS"
        case moto = "moto"
        var testDescription: String { rawValue }
    }

    /// Keys that sort awkwardly: `+` (0x2B) < `/` (0x2F) < `0`, `%` and its encodings, `/` runs,
    /// NFC and NFD spellings, astral-plane and private-use characters, and keys of about 1 KiB.
    static let awkward: [String] = {
        var keys = [
            "a+b", "a b", "a!b", "a%", "a%25", "a%2525", "a%2F", "100%", "%20", "a/b", "a/b/c", "a//b", "x///y",
            "obj", "obj+", "obj/", "obj/x", "obj1", "café.txt", "cafe\u{301}.txt", "日本/語.txt", "😀", "😀/x",
            "\u{E000}", "\u{10000}", "~tilde", "Z", "z", "a-b", "a.b", "a_b",
        ]
        // About 1 KiB, as path segments (SeaweedFS stores segments as file names of ≤ 255 bytes).
        let segment = String(repeating: "x", count: 100)
        let long = "k/" + Array(repeating: segment, count: 10).joined(separator: "/")
        keys += [long, long + "y", long + "/z"]
        keys += (0..<40).map { String(format: "f/%04d", $0) }
        return keys
    }()

    static func client(_ server: Server) async throws -> S3Client? {
        let s3 = server == .moto ? TestServers.moto() : TestServers.s3()
        guard let s3 else { return nil }
        return try await S3Fixture.client("ranges", on: s3)
    }

    /// The keys a server can hold: SeaweedFS stores keys as files and folders, so a key cannot
    /// also be the folder of another (`obj` and `obj/x`), and `obj/` becomes a folder marker.
    static func keys(for server: Server) -> [String] {
        guard server == .seaweedFS else { return awkward }
        return awkward.filter { k in !k.hasSuffix("/") && !awkward.contains { $0.hasPrefix(k + "/") } }
    }

    static func put(_ keys: [String], into client: S3Client) async throws {
        let file = try S3Fixture.file([0x61])
        defer { S3Fixture.remove(file) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = keys.makeIterator()
            func launch() {
                guard let key = next.next() else { return }
                group.addTask { _ = try await client.upload(file, to: key, contentType: "text/plain", progress: nil) }
            }
            for _ in 0..<8 { launch() }
            while try await group.next() != nil { launch() }
        }
    }

    static func drop(_ client: S3Client) async {
        if let keys = try? await client.listAll().map(\.key), !keys.isEmpty { _ = try? await client.delete(keys: keys) }
        try? await client.deleteBucket(client.configuration.bucket)
    }

    /// Keys as bytes: Swift's String equality is Unicode-canonical (NFC == NFD), S3's is not.
    static func bytes(_ keys: [String]) -> [[UInt8]] { keys.map { Array($0.utf8) } }

    /// The server's own listing is in strictly increasing byte order.
    static func inByteOrder(_ keys: [String]) -> Bool { zip(keys, keys.dropFirst()).allSatisfy { KeyOrder.less($0, $1) } }

    /// Lists with `lister` and checks the result against the sequential listing `reference`:
    /// every key exactly once (byte for byte), each inside the range that returned it, in order.
    /// A server whose own listing breaks byte order must make the lister refuse instead.
    @discardableResult
    static func expectExactCover(
        _ lister: RangeLister, ranges: [KeyRange] = [KeyRange()], reference: [String]
    ) async throws -> RangeListingReport? {
        let seen = Mutex<[(KeyRange, [String])]>([])
        let report: RangeListingReport
        do {
            report = try await lister.list(ranges: ranges) { range, objects in
                seen.withLock { $0.append((range, objects.map(\.key))) }
            }
        } catch let error as RangeListingOutOfOrder {
            #expect(!inByteOrder(reference), "refused \(error.range) though the server lists in byte order")
            return nil
        }
        let parts = seen.withLock { $0 }
        var all: [String] = []
        for (range, keys) in parts {
            for key in keys { #expect(range.contains(key), "\(key) came back from \(range)") }
            #expect(inByteOrder(keys), "\(range) not in byte order")
            all += keys
        }
        let twice = Dictionary(grouping: bytes(all), by: { $0 }).filter { $0.value.count > 1 }.keys
        #expect(twice.isEmpty, "came back twice: \(twice.map { String(decoding: $0, as: UTF8.self) })")
        let got = Set(bytes(all)), want = Set(bytes(reference))
        #expect(got == want, "missing: \(want.subtracting(got).map { String(decoding: $0, as: UTF8.self) }); extra: \(got.subtracting(want).map { String(decoding: $0, as: UTF8.self) })")
        #expect(report.ranges == parts.count)
        expectTiling(parts.map(\.0), of: ranges)
        return report
    }

    /// The listed ranges (as they stood when each was done) tile the starting cut: sorted by
    /// lower bound, each starts where the one before ends; none is listed twice, none is missing.
    static func expectTiling(_ listed: [KeyRange], of start: [KeyRange]) {
        func order(_ a: KeyRange, _ b: KeyRange) -> Bool {
            guard let x = a.after else { return b.after != nil }
            return b.after.map { KeyOrder.less(x, $0) } ?? false
        }
        let sorted = listed.sorted(by: order)
        let bounds = start.sorted(by: order)
        #expect(sorted.first?.after == bounds.first?.after && sorted.last?.through == bounds.last?.through, "\(sorted)")
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            // Bytes: Swift's String equality is Unicode-canonical, S3's order is not.
            #expect(a.through != nil && a.through.map { Array($0.utf8) } == b.after.map { Array($0.utf8) }, "\(a) then \(b): a gap or an overlap")
        }
    }

    @Test("dynamic splits over awkward keys cover the sequential listing exactly", arguments: Server.allCases)
    func dynamicSplits(_ server: Server) async throws {
        guard let client = try await Self.client(server) else { return }
        defer { Task { await Self.drop(client) } }
        try await Self.put(Self.keys(for: server), into: client)
        let reference = try await client.listAll().map(\.key)
        #expect(reference.count >= Self.keys(for: server).count - 2)  // SeaweedFS folds `a//b`-style keys
        // Pages of 3 keys and 6 streams: many cuts, many of them between awkward neighbours.
        let lister = RangeLister(store: client, prefix: "", pageSize: 3, concurrency: 6)
        let report = try await Self.expectExactCover(lister, reference: reference)
        if let report { #expect(report.ranges > 1, "nothing was split") }
        // moto keeps byte order, so there the cover must have been made, not refused.
        if server == .moto { #expect(report != nil) }
    }

    @Test("split points between awkward neighbours (`%`/`%25`, NFC/NFD, `+`/`/`) cover exactly", arguments: Server.allCases)
    func fixedSplits(_ server: Server) async throws {
        guard let client = try await Self.client(server) else { return }
        defer { Task { await Self.drop(client) } }
        try await Self.put(Self.keys(for: server), into: client)
        let reference = try await client.listAll().map(\.key)
        // A cut at every listed key and at points that are no key at all.
        let points = (reference + ["a%2", "cafe", "caf", "obj.", "😀", "\u{FFFF}", "k/x"]).sorted(by: KeyOrder.less)
        var cuts: [String] = []
        for p in points where cuts.last.map({ KeyOrder.less($0, p) }) ?? true { cuts.append(p) }
        var ranges = [KeyRange(after: nil, through: cuts[0])]
        for (a, b) in zip(cuts, cuts.dropFirst()) { ranges.append(KeyRange(after: a, through: b)) }
        ranges.append(KeyRange(after: cuts.last, through: nil))
        let lister = RangeLister(store: client, prefix: "", pageSize: 2, concurrency: 4)
        let report = try await Self.expectExactCover(lister, ranges: ranges, reference: reference)
        if let report { #expect(report.ranges >= ranges.count) }
        if server == .moto { #expect(report != nil) }
    }

    @Test("a prefix listing splits inside the prefix only", arguments: Server.allCases)
    func prefixOnly(_ server: Server) async throws {
        guard let client = try await Self.client(server) else { return }
        defer { Task { await Self.drop(client) } }
        try await Self.put(Self.keys(for: server), into: client)
        let reference = try await client.listAll(ListOptions(prefix: "f/")).map(\.key)
        #expect(reference.count == 40)
        let lister = RangeLister(store: client, prefix: "f/", pageSize: 4, concurrency: 5)
        let report = try await Self.expectExactCover(lister, reference: reference)
        #expect(Self.inByteOrder(reference))
        #expect((report?.ranges ?? 0) > 1, "split and listed, not refused")
    }
}

extension RangeListingTests {
    /// The real server with one fault injected: pages listed with `start-after` come back with
    /// their first two keys swapped (a server that breaks byte order).
    struct SwappingStore: ForwardingObjectStore {
        let base: any ObjectStore
        var listsRangesConcurrently: Bool { true }

        func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
            let pages = base.list(options)
            let swap = options.startAfter != nil
            return AsyncThrowingStream { continuation in
                let task = Task {
                    do {
                        for try await var page in pages {
                            if swap, page.objects.count >= 2 { page.objects.swapAt(0, 1) }
                            continuation.yield(page)
                        }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }
    }

    @Test("a page out of byte order stops the whole listing (RangeListingOutOfOrder), never a partial cover")
    func outOfOrderRefuses() async throws {
        guard let client = try await Self.client(.moto) else { return }
        defer { Task { await Self.drop(client) } }
        try await Self.put(Self.awkward, into: client)
        let lister = RangeLister(store: SwappingStore(base: client), prefix: "", pageSize: 3, concurrency: 4)
        let delivered = Mutex(0)
        await #expect(throws: RangeListingOutOfOrder.self) {
            _ = try await lister.list(ranges: [KeyRange(through: "f/0010"), KeyRange(after: "f/0010")]) { _, objects in
                delivered.withLock { $0 += objects.count }
            }
        }
    }

    @Test("split points lie strictly between the keys they split, and are valid keys")
    func splitPoints() {
        let pairs: [(String, String)] = [
            ("a", "b"), ("d000/f0000000.txt", "d001/f0099801.txt"), ("a%", "a%25"), ("a+b", "a/b"),
            ("café", "日本"), ("k/" + String(repeating: "x", count: 900), "k/y"), ("", "~~~~"), ("obj", "obj1"),
        ]
        for (a, b) in pairs {
            guard let m = KeySplit.between(a, b) else { continue }
            #expect(KeyOrder.less(a, m) && KeyOrder.less(m, b), "\(a) < \(m) < \(b)")
        }
        #expect(KeySplit.between("d000/f0000000.txt", "d199/f0099999.txt") != nil)
        #expect(KeySplit.between("b", "a") == nil)
        #expect(KeySplit.between("a", "a") == nil)
        let ahead = KeySplit.beyond(first: "f000000", last: "f000999", pages: 8)
        #expect(ahead.map { KeyOrder.less("f000999", $0) } == true)
        #expect(ahead.map { KeyOrder.less($0, "f0099") } == true, "about eight pages on, not the end of the space")
        #expect(KeySplit.beyond(first: "x", last: "x", pages: 8) == nil)
        #expect(KeyRange(after: "a", through: "b").contains("a") == false)
        #expect(KeyRange(after: "a", through: "b").contains("b"))
        #expect(KeyRange(after: "cafe", through: nil).contains("cafe\u{301}"))  // NFD bytes sort after "cafe"
        // Byte order and byte equality, not Swift's canonical comparison.
        #expect(!KeyOrder.same("café", "cafe\u{301}") && KeyOrder.same("café", "caf\u{E9}") && KeyOrder.same("", ""))
        #expect(KeyOrder.less("cafe\u{301}", "café") && !KeyOrder.less("café", "cafe\u{301}"))  // 0x65 0xCC < 0xC3
        #expect(KeyOrder.less("a", "a/") && KeyOrder.less("a b", "a/") && KeyOrder.less("", "a") && !KeyOrder.less("a", "a"))
        #expect(KeyOrder.less("\u{FFFF}", "😀") && KeyOrder.less("~", "\u{80}"))
        let long = String(repeating: "k/", count: 600)
        #expect(KeyOrder.less(long + "a", long + "b") && KeyOrder.same(long, String(repeating: "k/", count: 600)))
    }
}
