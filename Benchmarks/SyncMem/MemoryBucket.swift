import FoundationEssentials
import ObjectStore
#if canImport(Glibc)
import Glibc
#endif

/// A listing-only bucket held in memory, so the benchmark times the engine's per-object work
/// (NFC key, media type, scope) and not a server. Every other operation is refused.
final class MemoryBucket: ObjectStore, Sendable {
    let objects: [ObjectInfo]

    init(_ objects: [ObjectInfo]) {
        self.objects = objects
    }

    var displayName: String { "memory" }

    func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
        let pageSize = max(1, options.pageSize)
        let objects = objects.filter { $0.key.hasPrefix(options.prefix) }
        return AsyncThrowingStream { continuation in
            var start = 0
            while start < objects.count {
                let end = min(objects.count, start + pageSize)
                continuation.yield(ObjectPage(objects: Array(objects[start..<end])))
                start = end
            }
            continuation.finish()
        }
    }

    func head(_ key: String) async throws -> ObjectInfo? { objects.first { $0.key == key } }

    func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?)
        async throws -> ObjectInfo
    { throw Refused() }

    func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?)
        async throws -> ObjectInfo
    { throw Refused() }

    func delete(_ key: String) async throws { throw Refused() }
    func delete(keys: [String]) async throws -> [KeyFailure] { throw Refused() }
    func copy(from source: String, to destination: String) async throws { throw Refused() }
    func presign(_ key: String, method: String, expires: Int) throws -> String { throw Refused() }

    struct Refused: Error {}
}

/// The synthetic bucket and catalog of the no-op timing: `n` keys in 200 folders, one in ten
/// with a decomposed (NFD) accent so the NFC path is taken as in a real Portuguese bucket.
enum NoopData {
    static func key(_ i: Int) -> String {
        let name = i % 10 == 0 ? "ac\u{0327}a\u{0303}o\(i).txt" : "f\(i).txt"
        return "d\(i % 200)/" + name
    }

    static func objects(_ n: Int, now: Date) -> [ObjectInfo] {
        (0..<n).map { ObjectInfo(key: key($0), size: 1, lastModified: now) }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }
}

/// Runs `body` `times` times and returns the fastest run's process CPU time in milliseconds (all
/// threads): on a machine shared with other builds, CPU time moves far less than wall time.
func fastest(_ times: Int, _ body: () async throws -> Void) async rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<times {
        let start = cpuMilliseconds()
        try await body()
        best = min(best, cpuMilliseconds() - start)
    }
    return best
}

/// CPU time used by this process so far (user + system, every thread), in milliseconds.
func cpuMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
}
