import Catalog
import Foundation
import ObjectStore
import R2SCore
import Synchronization

/// A catalog that forwards everything but can be told to refuse inserts, soft-deletes or
/// updates, or to report a small `size` limit (failure injection).
struct FaultyCatalog: CatalogStore {
    let inner: any CatalogStore
    var refuseInserts = false
    var refuseSoftDeletes = false
    var refuseUpdates = false
    var maxSize: Int64?

    static let refusal = CatalogError(.server, LocalizedText("injected: the catalog refuses the row"))

    var displayName: String { "faulty(\(inner.displayName))" }
    func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> { inner.records(query) }
    func count(_ query: RecordQuery) async throws -> Int { try await inner.count(query) }
    func record(id: UUID) async throws -> CatalogRecord? { try await inner.record(id: id) }
    func records(urls: [String]) async throws -> [CatalogRecord] { try await inner.records(urls: urls) }
    func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T {
        try await inner.withSyncLock(options, body)
    }
    func withTransaction<T: Sendable>(_ body: @Sendable (any CatalogWriter) async throws -> T) async throws -> T {
        let me = self
        return try await inner.withTransaction { writer in try await body(FaultyWriter(inner: writer, faults: me)) }
    }
    func checkSchema() async throws -> SchemaReport {
        var report = try await inner.checkSchema()
        if let maxSize { report.maxSize = maxSize }
        return report
    }
    func initialize(withUsuarios: Bool) async throws { try await inner.initialize(withUsuarios: withUsuarios) }
    func insert(_ rows: [NewRecord]) async throws -> [CatalogRecord] {
        if refuseInserts { throw Self.refusal }
        return try await inner.insert(rows)
    }
    func softDelete(ids: [UUID], actor: UUID?) async throws -> Int {
        if refuseSoftDeletes { throw Self.refusal }
        return try await inner.softDelete(ids: ids, actor: actor)
    }
    func restore(ids: [UUID], actor: UUID?) async throws -> Int { try await inner.restore(ids: ids, actor: actor) }
    func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord {
        if refuseUpdates { throw Self.refusal }
        return try await inner.update(id: id, changes, actor: actor)
    }
    func relocate(_ moves: [RowRelocation], actor: UUID?) async throws -> Int {
        if refuseUpdates { throw FaultyCatalog.refusal }
        return try await inner.relocate(moves, actor: actor)
    }
}

private struct FaultyWriter: CatalogWriter {
    let inner: any CatalogWriter
    let faults: FaultyCatalog
    func insert(_ rows: [NewRecord]) async throws -> [CatalogRecord] {
        if faults.refuseInserts { throw FaultyCatalog.refusal }
        return try await inner.insert(rows)
    }
    func softDelete(ids: [UUID], actor: UUID?) async throws -> Int {
        if faults.refuseSoftDeletes { throw FaultyCatalog.refusal }
        return try await inner.softDelete(ids: ids, actor: actor)
    }
    func restore(ids: [UUID], actor: UUID?) async throws -> Int { try await inner.restore(ids: ids, actor: actor) }
    func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord {
        if faults.refuseUpdates { throw FaultyCatalog.refusal }
        return try await inner.update(id: id, changes, actor: actor)
    }
    func relocate(_ moves: [RowRelocation], actor: UUID?) async throws -> Int {
        if faults.refuseUpdates { throw FaultyCatalog.refusal }
        return try await inner.relocate(moves, actor: actor)
    }
}

/// An object store that forwards everything, counts calls, can refuse deletes, and calls a hook
/// the first time an upload reports progress.
final class ObservedStore: ObjectStore, @unchecked Sendable {
    let inner: any ObjectStore
    let refuseDeletes: Bool
    private let hook: Mutex<(@Sendable () -> Void)?>
    let uploads = Atomic<Int>(0)

    struct Refused: Error {}

    init(_ inner: any ObjectStore, refuseDeletes: Bool = false, onFirstProgress: (@Sendable () -> Void)? = nil) {
        self.inner = inner
        self.refuseDeletes = refuseDeletes
        hook = Mutex(onFirstProgress)
    }

    var displayName: String { inner.displayName }
    func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> { inner.list(options) }
    func head(_ key: String) async throws -> ObjectInfo? { try await inner.head(key) }
    func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?) async throws
        -> ObjectInfo
    {
        try await inner.download(key, to: path, range: range, progress: progress)
    }
    func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?) async throws -> ObjectInfo {
        uploads.add(1, ordering: .relaxed)
        return try await inner.upload(path, to: key, contentType: contentType) { [self] done, total in
            if done > 0 { fireHook() }
            progress?(done, total)
        }
    }

    private func fireHook() {
        let fire = hook.withLock { h -> (@Sendable () -> Void)? in
            defer { h = nil }
            return h
        }
        fire?()
    }
    func delete(_ key: String) async throws {
        if refuseDeletes { throw Refused() }
        try await inner.delete(key)
    }
    func delete(keys: [String]) async throws -> [KeyFailure] {
        if refuseDeletes { throw Refused() }
        return try await inner.delete(keys: keys)
    }
    func copy(from source: String, to destination: String) async throws { try await inner.copy(from: source, to: destination) }
    func presign(_ key: String, method: String, expires: Int) throws -> String {
        try inner.presign(key, method: method, expires: expires)
    }
}
