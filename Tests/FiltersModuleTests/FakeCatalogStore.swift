import Catalog
import Foundation
import Synchronization

/// An in-memory `CatalogStore` with the read semantics `filter test` relies on (url-prefix
/// union, deleted filter, pages ordered by id). Writes other tests do not need throw.
final class FakeCatalogStore: CatalogStore {
    struct Unsupported: Error {}

    private let rows: Mutex<[CatalogRecord]>
    /// Every query `records(_:)` received, to check what the scope pushed down.
    let queries = Mutex<[RecordQuery]>([])

    init(_ rows: [CatalogRecord]) { self.rows = Mutex(rows) }

    var displayName: String { "fake catalog" }

    private func selected(_ query: RecordQuery) -> [CatalogRecord] {
        rows.withLock { $0 }.filter { r in
            let deletedOK =
                switch query.deleted {
                case .exclude: r.deletedAt == nil
                case .only: r.deletedAt != nil
                case .include: true
                }
            let urlOK = query.urlPrefixes.isEmpty || query.urlPrefixes.contains { r.url.utf8.starts(with: $0.utf8) }
            return deletedOK && urlOK
        }.sorted { $0.id.uuidString < $1.id.uuidString }
    }

    func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> {
        queries.withLock { $0.append(query) }
        let all = selected(query)
        let size = max(1, query.pageSize)
        return AsyncThrowingStream { c in
            var i = 0
            while i < all.count {
                c.yield(Array(all[i..<min(i + size, all.count)]))
                i += size
            }
            c.finish()
        }
    }

    func count(_ query: RecordQuery) async throws -> Int { selected(query).count }
    func record(id: UUID) async throws -> CatalogRecord? { rows.withLock { $0 }.first { $0.id == id } }
    func records(urls: [String]) async throws -> [CatalogRecord] { rows.withLock { $0 }.filter { urls.contains($0.url) } }
    func insert(_ rows: [NewRecord]) async throws -> [CatalogRecord] { throw Unsupported() }
    func softDelete(ids: [UUID], actor: UUID?) async throws -> Int { throw Unsupported() }
    func restore(ids: [UUID], actor: UUID?) async throws -> Int { throw Unsupported() }
    func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord { throw Unsupported() }
    func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T { try await body() }
    func checkSchema() async throws -> SchemaReport { throw Unsupported() }
    func initialize(withUsuarios: Bool) async throws { throw Unsupported() }
}
