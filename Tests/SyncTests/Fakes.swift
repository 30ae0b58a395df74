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

struct FakeFailure: Error {}

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
final class FakeCatalog: CatalogStore, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var rows: [CatalogRecord] = []
    private(set) var writeCalls = 0
    private(set) var readPages = 0
    var failReads = false
    /// Fail the Nth write call (1-based) and every later one while set.
    var failWriteCall: Int?
    private var locked = false

    var displayName: String { "fake catalog" }

    @discardableResult
    func add(_ url: String, nome: String? = nil, size: Int64? = 10, type: String? = nil, deleted: Date? = nil,
             created: Date = Date(timeIntervalSince1970: 1_600_000_000), referencia: UUID? = nil) -> UUID {
        let id = UUID()
        let name = nome ?? String(url.split(separator: "/").last ?? "")
        lock.withLock {
            rows.append(CatalogRecord(id: id, nome: name, url: url, contentType: type, size: size, referenciaId: referencia,
                                      createdAt: created, updatedAt: created, deletedAt: deleted))
        }
        return id
    }

    var active: [CatalogRecord] { lock.withLock { rows.filter { $0.deletedAt == nil } } }
    func row(_ id: UUID) -> CatalogRecord? { lock.withLock { rows.first { $0.id == id } } }

    func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> {
        let (selected, fail) = lock.withLock { () -> ([CatalogRecord], Bool) in
            let s = rows.filter { r in
                let deletedOK: Bool =
                    switch query.deleted {
                    case .exclude: r.deletedAt == nil
                    case .only: r.deletedAt != nil
                    case .include: true
                    }
                return deletedOK && (query.urlPrefixes.isEmpty || query.urlPrefixes.contains { r.url.hasPrefix($0) })
            }.sorted { $0.id.uuidString < $1.id.uuidString }
            return (s, failReads)
        }
        return AsyncThrowingStream { c in
            for start in stride(from: 0, to: selected.count, by: query.pageSize) {
                self.lock.withLock { self.readPages += 1 }
                c.yield(Array(selected[start..<min(start + query.pageSize, selected.count)]))
                if fail {
                    c.finish(throwing: FakeFailure())
                    return
                }
            }
            c.finish(throwing: fail ? FakeFailure() : nil)
        }
    }

    func count(_ query: RecordQuery) async throws -> Int { 0 }
    func record(id: UUID) async throws -> CatalogRecord? { row(id) }
    func records(urls: [String]) async throws -> [CatalogRecord] { lock.withLock { rows.filter { urls.contains($0.url) } } }

    private func write() throws {
        try lock.withLock {
            writeCalls += 1
            if let f = failWriteCall, writeCalls >= f { throw FakeFailure() }
        }
    }

    func insert(_ new: [NewRecord]) async throws -> [CatalogRecord] {
        try write()
        let now = Date()
        let stored = new.map {
            CatalogRecord(id: UUID(), nome: $0.nome, url: $0.url, contentType: $0.contentType, size: $0.size,
                          tipoReferencia: $0.tipoReferencia, referenciaId: $0.referenciaId, createdAt: now, updatedAt: now,
                          createdBy: $0.createdBy)
        }
        lock.withLock { rows += stored }
        return stored
    }

    func softDelete(ids: [UUID], actor: UUID?) async throws -> Int {
        try write()
        let ids = Set(ids)
        return lock.withLock {
            var n = 0
            for i in rows.indices where ids.contains(rows[i].id) && rows[i].deletedAt == nil {
                rows[i].deletedAt = Date()
                n += 1
            }
            return n
        }
    }

    func restore(ids: [UUID], actor: UUID?) async throws -> Int {
        try write()
        let ids = Set(ids)
        return lock.withLock {
            var n = 0
            for i in rows.indices where ids.contains(rows[i].id) && rows[i].deletedAt != nil {
                rows[i].deletedAt = nil
                n += 1
            }
            return n
        }
    }

    func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord { throw FakeFailure() }

    struct Locked: Error {}

    func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T {
        try lock.withLock {
            if locked { throw Locked() }
            locked = true
        }
        defer { lock.withLock { locked = false } }
        return try await body()
    }

    func checkSchema() async throws -> SchemaReport { SchemaReport(tableExists: true, maxSize: Int64(Int32.max), findings: []) }
    func initialize(withUsuarios: Bool) async throws {}
}
