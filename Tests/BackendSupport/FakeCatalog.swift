public import Catalog
public import Foundation

/// A failure a fake store was told to produce.
public struct FakeFailure: Error {
    public init() {}
}

/// The one in-memory `CatalogStore` of the test targets: reads with a real store's semantics
/// (deleted filter, url-prefix union, pages in id order, counts), writes that can be made to
/// fail (`failReads`, `failWriteCall`), a sync lock that refuses a second holder, and a record of
/// the queries it received. Where a real server runs, tests use `StoreFixture` instead.
public final class FakeCatalog: CatalogStore, @unchecked Sendable {
    private let lock = NSLock()
    public private(set) var rows: [CatalogRecord] = []
    public private(set) var writeCalls = 0
    public private(set) var readPages = 0
    /// Every query `records(_:)` received, to check what a scope pushed down.
    public private(set) var queries: [RecordQuery] = []
    /// Fail every read (after yielding each page).
    public var failReads = false
    /// Fail the Nth write call (1-based) and every later one while set.
    public var failWriteCall: Int?
    private var locked = false

    public init(_ rows: [CatalogRecord] = []) { self.rows = rows }

    public var displayName: String { "fake catalog" }

    @discardableResult
    public func add(_ url: String, nome: String? = nil, size: Int64? = 10, type: String? = nil, deleted: Date? = nil,
             created: Date = Date(timeIntervalSince1970: 1_600_000_000), referencia: UUID? = nil) -> UUID {
        let id = UUID()
        let name = nome ?? String(url.split(separator: "/").last ?? "")
        lock.withLock {
            rows.append(CatalogRecord(id: id, nome: name, url: url, contentType: type, size: size, referenciaId: referencia,
                                      createdAt: created, updatedAt: created, deletedAt: deleted))
        }
        return id
    }

    public var active: [CatalogRecord] { lock.withLock { rows.filter { $0.deletedAt == nil } } }
    public func row(_ id: UUID) -> CatalogRecord? { lock.withLock { rows.first { $0.id == id } } }

    /// The rows `query` selects, as a real store would: the deleted filter, the union of url
    /// prefixes compared byte for byte (like SQL `LIKE 'prefix%'`), ordered by id.
    private func selected(_ query: RecordQuery) -> [CatalogRecord] {
        lock.withLock { rows }.filter { r in
            let deletedOK: Bool =
                switch query.deleted {
                case .exclude: r.deletedAt == nil
                case .only: r.deletedAt != nil
                case .include: true
                }
            return deletedOK && (query.urlPrefixes.isEmpty || query.urlPrefixes.contains { r.url.utf8.starts(with: $0.utf8) })
        }.sorted { $0.id.uuidString < $1.id.uuidString }
    }

    public func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> {
        let selected = selected(query)
        let fail = lock.withLock { () -> Bool in
            queries.append(query)
            return failReads
        }
        let pageSize = max(1, query.pageSize)
        return AsyncThrowingStream { c in
            for start in stride(from: 0, to: selected.count, by: pageSize) {
                self.lock.withLock { self.readPages += 1 }
                c.yield(Array(selected[start..<min(start + pageSize, selected.count)]))
                if fail {
                    c.finish(throwing: FakeFailure())
                    return
                }
            }
            c.finish(throwing: fail ? FakeFailure() : nil)
        }
    }

    public func count(_ query: RecordQuery) async throws -> Int { selected(query).count }
    public func record(id: UUID) async throws -> CatalogRecord? { row(id) }
    public func records(urls: [String]) async throws -> [CatalogRecord] { lock.withLock { rows.filter { urls.contains($0.url) } } }

    private func write() throws {
        try lock.withLock {
            writeCalls += 1
            if let f = failWriteCall, writeCalls >= f { throw FakeFailure() }
        }
    }

    public func insert(_ new: [NewRecord]) async throws -> [CatalogRecord] {
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

    public func softDelete(ids: [UUID], actor: UUID?) async throws -> Int {
        try write()
        return mark(ids, deleted: Date())
    }

    public func restore(ids: [UUID], actor: UUID?) async throws -> Int {
        try write()
        return mark(ids, deleted: nil)
    }

    /// Sets `deletedAt` of the rows in `ids` whose state differs (active ↔ deleted); returns how many.
    private func mark(_ ids: [UUID], deleted: Date?) -> Int {
        let ids = Set(ids)
        return lock.withLock {
            var n = 0
            for i in rows.indices where ids.contains(rows[i].id) && (rows[i].deletedAt == nil) == (deleted != nil) {
                rows[i].deletedAt = deleted
                n += 1
            }
            return n
        }
    }

    public func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord { throw FakeFailure() }

    public struct Locked: Error {}

    public func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T {
        try lock.withLock {
            if locked { throw Locked() }
            locked = true
        }
        defer { lock.withLock { locked = false } }
        return try await body()
    }

    public func checkSchema() async throws -> SchemaReport { SchemaReport(tableExists: true, maxSize: Int64(Int32.max), findings: []) }
    public func initialize(withUsuarios: Bool) async throws {}
}
