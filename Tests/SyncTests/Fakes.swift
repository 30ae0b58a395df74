import BackendSupport
import Catalog
import Foundation
import ObjectStore
import Scope
import Synchronization
import SyncEngine

/// The real url⇄key mapping (ObjectStore's `KeyMapping`: the engine takes it as is).
enum TestMapping {
    static let base = "https://cdn.example.com"

    static func make(_ alternates: [String] = []) -> KeyMapping {
        KeyMapping(publicBase: base, alternateBases: alternates)
    }
}

/// A real scope of folder prefixes and types, as `sync fichas --type pdf` builds it (the engine
/// takes the scope model itself, so no test double stands in for it).
func testScope(prefixes: [String] = [], types: [String] = []) -> Scope {
    // Literal, valid rules: a throw here is a broken test, not a case to handle.
    try! Scope(layers: [FilterRules(prefixes: prefixes, types: types)])
}


/// In-memory bucket: keys listed in UTF-8 byte order, in pages; can fail after N pages.
final class FakeObjectStore: ObjectStore, @unchecked Sendable {
    private let lock = NSLock()
    private var objects: [String: ObjectInfo] = [:]
    var failAfterPages: Int?
    private(set) var listCalls = 0
    private(set) var headCalls = 0

    var displayName: String { "fake" }

    func put(_ key: String, size: Int64 = 10, modified: Date = Date(timeIntervalSince1970: 1_600_000_000), type: String? = nil) {
        lock.withLock { objects[key] = ObjectInfo(key: key, size: size, lastModified: modified, contentType: type) }
    }

    func remove(_ key: String) { lock.withLock { objects[key] = nil } }

    var keys: [String] { lock.withLock { objects.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } } }

    func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
        let all = lock.withLock { () -> [ObjectInfo] in
            listCalls += 1
            return objects.values.filter { $0.key.utf8.starts(with: options.prefix.utf8) }
                .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { ObjectInfo(key: $0.key, size: $0.size, lastModified: $0.lastModified, etag: $0.etag) }
        }
        let failAfter = failAfterPages
        return AsyncThrowingStream { continuation in
            var page = 0
            for start in stride(from: 0, to: all.count, by: options.pageSize) {
                if let failAfter, page >= failAfter {
                    continuation.finish(throwing: FakeFailure())
                    return
                }
                continuation.yield(ObjectPage(objects: Array(all[start..<min(start + options.pageSize, all.count)])))
                page += 1
            }
            continuation.finish()
        }
    }

    func head(_ key: String) async throws -> ObjectInfo? { lock.withLock { headCalls += 1; return objects[key] } }
    func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?) async throws -> ObjectInfo {
        throw FakeFailure()
    }
    func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?) async throws -> ObjectInfo {
        throw FakeFailure()
    }
    func delete(_ key: String) async throws { remove(key) }
    func delete(keys: [String]) async throws -> [KeyFailure] {
        keys.forEach(remove)
        return []
    }
    func copy(from source: String, to destination: String) async throws { throw FakeFailure() }
    func presign(_ key: String, method: String, expires: Int) throws -> String { throw FakeFailure() }
}

/// In-memory catalog with a call counter (round trips), a page size cap, a lock and failure injection.
