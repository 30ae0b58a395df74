import Foundation
import ObjectStore
import R2STestSupport
import S3
import Services
import Synchronization
import Testing

/// `TrashHidingStore.list` reads the bucket's pages as its caller asks for them, not ahead.
@Suite struct TrashHidingListTests {
    /// The real store, with every listing page it hands out counted, in order with the caller's asks.
    final class CountingStore: ForwardingObjectStore {
        let base: any ObjectStore
        /// "ask N" (the test asks the hiding store for page N), "fetch N" (this store is asked for it).
        let log = Mutex<[String]>([])
        init(_ base: S3Client) { self.base = base }

        var fetched: Int { log.withLock { $0.filter { $0.hasPrefix("fetch") }.count } }
        func note(_ line: String) { log.withLock { $0.append(line) } }

        func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
            let pages = Cursor(base.list(options).makeAsyncIterator())
            let count = Mutex(0)
            return AsyncThrowingStream { [self] in
                guard let page = try await pages.next() else { return nil }
                note("fetch \(count.withLock { $0 += 1; return $0 })")
                return page
            }
        }
    }

    /// Advanced by one `AsyncThrowingStream(unfolding:)` closure only, one call at a time.
    final class Cursor: @unchecked Sendable {
        var iterator: AsyncThrowingStream<ObjectPage, any Error>.AsyncIterator
        init(_ iterator: AsyncThrowingStream<ObjectPage, any Error>.AsyncIterator) { self.iterator = iterator }
        func next() async throws -> ObjectPage? { try await iterator.next() }
    }

    @Test("a page is read from the bucket only when the caller asks for it; trash keys stay hidden")
    func readsOnDemand() async throws {
        guard let s3 = TestServers.s3() else { return }
        let name = "r2s-hide-\(UUID().uuidString.prefix(8))".lowercased()
        let client = try S3Client(configuration: try S3Configuration(settings: s3.settings(bucket: name)))
        try await client.createBucket(name)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-hide-\(UUID().uuidString)").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        // 8 keys, 2 a page: .trash/ sorts first, so the first page is all trash.
        let keys = [".trash/a", ".trash/b", "k1", "k2", "k3", "k4", "k5", "k6"]
        for key in keys { _ = try await client.upload(file, to: key, contentType: "text/plain", progress: nil) }
        let counting = CountingStore(client)
        let hiding = TrashHidingStore(base: counting, location: .bucket(name: name, prefix: ".trash/", inMainBucket: true))

        var pages = hiding.list(ListOptions(pageSize: 2)).makeAsyncIterator()
        counting.note("ask 1")
        let first = try await pages.next()
        #expect(first?.objects.isEmpty == true)
        // A reader ahead of demand would now fetch the other three pages on its own; give it
        // every chance to (bounded), then check it did not.
        for _ in 0..<100 where counting.fetched < 2 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(counting.fetched == 1, "\(counting.log.withLock { $0 })")
        var seen: [String] = []
        for n in 2...5 {
            counting.note("ask \(n)")
            guard let page = try await pages.next() else { break }
            seen += page.objects.map(\.key)
        }
        #expect(seen == ["k1", "k2", "k3", "k4", "k5", "k6"])
        // Every page was fetched after the ask for it and before the next ask.
        let log = counting.log.withLock { $0 }
        #expect(log.count >= 9)
        for (i, line) in log.enumerated() { #expect(line == (i % 2 == 0 ? "ask \(i / 2 + 1)" : "fetch \(i / 2 + 1)"), "\(log)") }
        _ = try await client.delete(keys: keys)
        try await client.deleteBucket(name)
    }
}
