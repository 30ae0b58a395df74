import Catalog
import Foundation
import ObjectStore
import R2SCore
import Synchronization

/// A catalog for batch-level failure injection around `upload`'s batched inserts:
/// - `badNome`: an insert holding a row with this nome is refused whole (one bad row in a batch);
/// - `insertsBeforeDeath`: that many inserts succeed, the next one fails and every later call
///   fails too (the catalog dies between batches);
/// - `loseInsertResponse`: inserts write their rows, then throw (a lost response).
final class BatchFaultCatalog: CatalogStore, @unchecked Sendable {
    let inner: any CatalogStore
    let badNome: String?
    let insertsBeforeDeath: Int?
    let loseInsertResponse: Bool
    let inserts = Atomic<Int>(0)
    /// Calls of `records(urls:)` (a lookup by exact urls) and `records(_:)` (a ranged read;
    /// the command's other reads, such as the url-style sample, count too).
    let urlReads = Atomic<Int>(0)
    let rangeReads = Atomic<Int>(0)
    /// The url prefixes of every ranged read, in call order.
    let rangePrefixes = Mutex<[[String]]>([])
    /// Single-row updates and batched relocations.
    let updates = Atomic<Int>(0)
    let relocations = Atomic<Int>(0)
    private let dead = Atomic<Bool>(false)

    static let refusal = CatalogError(.invalidInput, LocalizedText("injected: the catalog refuses one row of the batch"))
    static let death = CatalogError(.connection, LocalizedText("injected: the catalog is gone"))
    static let lostResponse = CatalogError(.connection, LocalizedText("injected: the insert's response was lost"))

    init(inner: any CatalogStore, badNome: String? = nil, insertsBeforeDeath: Int? = nil, loseInsertResponse: Bool = false) {
        self.inner = inner
        self.badNome = badNome
        self.insertsBeforeDeath = insertsBeforeDeath
        self.loseInsertResponse = loseInsertResponse
    }

    private func alive() throws {
        if dead.load(ordering: .relaxed) { throw Self.death }
    }

    var displayName: String { "batch-faults(\(inner.displayName))" }
    func records(_ query: RecordQuery) -> AsyncThrowingStream<[CatalogRecord], any Error> {
        rangeReads.add(1, ordering: .relaxed)
        rangePrefixes.withLock { $0.append(query.urlPrefixes) }
        if dead.load(ordering: .relaxed) { return AsyncThrowingStream { $0.finish(throwing: Self.death) } }
        return inner.records(query)
    }
    func count(_ query: RecordQuery) async throws -> Int {
        try alive()
        return try await inner.count(query)
    }
    func record(id: UUID) async throws -> CatalogRecord? {
        try alive()
        return try await inner.record(id: id)
    }
    func records(urls: [String]) async throws -> [CatalogRecord] {
        urlReads.add(1, ordering: .relaxed)
        try alive()
        return try await inner.records(urls: urls)
    }
    func withSyncLock<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T {
        try alive()
        return try await inner.withSyncLock(options, body)
    }
    func checkSchema() async throws -> SchemaReport {
        try alive()
        return try await inner.checkSchema()
    }
    func initialize(withUsuarios: Bool) async throws { try await inner.initialize(withUsuarios: withUsuarios) }
    func insert(_ rows: [NewRecord]) async throws -> [CatalogRecord] {
        try alive()
        let done = inserts.add(1, ordering: .relaxed).oldValue
        if let insertsBeforeDeath, done >= insertsBeforeDeath {
            dead.store(true, ordering: .relaxed)
            throw Self.death
        }
        if let badNome, rows.contains(where: { $0.nome == badNome }) { throw Self.refusal }
        let stored = try await inner.insert(rows)
        if loseInsertResponse { throw Self.lostResponse }
        return stored
    }
    func softDelete(ids: [UUID], actor: UUID?) async throws -> Int {
        try alive()
        return try await inner.softDelete(ids: ids, actor: actor)
    }
    func restore(ids: [UUID], actor: UUID?) async throws -> Int {
        try alive()
        return try await inner.restore(ids: ids, actor: actor)
    }
    func update(id: UUID, _ changes: RecordChanges, actor: UUID?) async throws -> CatalogRecord {
        try alive()
        updates.add(1, ordering: .relaxed)
        return try await inner.update(id: id, changes, actor: actor)
    }
    func relocate(_ moves: [RowRelocation], actor: UUID?) async throws -> Int {
        try alive()
        relocations.add(1, ordering: .relaxed)
        return try await inner.relocate(moves, actor: actor)
    }
}

/// An object store that forwards everything and calls `hook` once, when the `after`-th upload
/// starts (to stop the server, or cancel the command, in the middle of a batch).
final class HookedUploadStore: ObjectStore, @unchecked Sendable {
    let inner: any ObjectStore
    let after: Int
    let uploads = Atomic<Int>(0)
    let lists = Atomic<Int>(0)
    let heads = Atomic<Int>(0)
    private let hook: Mutex<(@Sendable () -> Void)?>

    init(_ inner: any ObjectStore, after: Int = Int.max, hook: (@Sendable () -> Void)? = nil) {
        self.inner = inner
        self.after = after
        self.hook = Mutex(hook)
    }

    var displayName: String { inner.displayName }
    func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
        lists.add(1, ordering: .relaxed)
        return inner.list(options)
    }
    func head(_ key: String) async throws -> ObjectInfo? {
        heads.add(1, ordering: .relaxed)
        return try await inner.head(key)
    }
    func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?) async throws
        -> ObjectInfo
    {
        try await inner.download(key, to: path, range: range, progress: progress)
    }
    func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?) async throws -> ObjectInfo {
        if uploads.add(1, ordering: .relaxed).newValue == after {
            let fire = hook.withLock { h -> (@Sendable () -> Void)? in
                defer { h = nil }
                return h
            }
            fire?()
        }
        let info = try await inner.upload(path, to: key, contentType: contentType, progress: progress)
        stored.withLock { $0.append(key) }
        return info
    }

    /// Keys whose upload the server acknowledged.
    var acknowledged: [String] { stored.withLock { $0 } }
    private let stored = Mutex<[String]>([])
    func delete(_ key: String) async throws { try await inner.delete(key) }
    func delete(keys: [String]) async throws -> [KeyFailure] { try await inner.delete(keys: keys) }
    func copy(from source: String, to destination: String) async throws { try await inner.copy(from: source, to: destination) }
    func presign(_ key: String, method: String, expires: Int) throws -> String {
        try inner.presign(key, method: method, expires: expires)
    }
}
