import FoundationEssentials
public import ObjectStore

/// The main bucket with the trash prefix cut out: what every command sees when the trash lives
/// inside the main bucket (`R2S_TRASH_IN_BUCKET=yes`), so `ls`, `sync`, `check`, filters and
/// completion never list, count or catalogue trashed copies. HEAD of a trash key answers "not
/// found" for the same reason (`rm`, `show` and `upload` never act on one), and writing to one
/// (`upload`, `mv`: an upload or a copy) is refused, so only `rm`'s copies (made on `base`) land there.
public struct TrashHidingStore: ObjectStore {
    /// The bucket as it is (the trash reads and writes through this).
    public let base: any ObjectStore
    public let location: TrashLocation

    public init(base: any ObjectStore, location: TrashLocation) {
        self.base = base
        self.location = location
    }

    public var displayName: String { base.displayName }

    /// The base's pages with the trash cut out, read one at a time as the caller asks for them:
    /// a caller that stops early (or reads slowly) never makes the bucket list further ahead.
    public func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
        let pages = PageCursor(base.list(options).makeAsyncIterator())
        let location = self.location
        return AsyncThrowingStream {
            guard let page = try await pages.next() else { return nil }
            return ObjectPage(
                objects: page.objects.filter { !location.isTrashKey($0.key) },
                commonPrefixes: page.commonPrefixes.filter { !location.isTrashKey($0) })
        }
    }

    public func head(_ key: String) async throws -> ObjectInfo? {
        location.isTrashKey(key) ? nil : try await base.head(key)
    }

    @discardableResult
    public func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?)
        async throws -> ObjectInfo
    {
        try await base.download(key, to: path, range: range, progress: progress)
    }

    @discardableResult
    public func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?)
        async throws -> ObjectInfo
    {
        try refuseTrashKey(key)
        return try await base.upload(path, to: key, contentType: contentType, progress: progress)
    }

    public func delete(_ key: String) async throws { try await base.delete(key) }

    public func delete(keys: [String]) async throws -> [KeyFailure] { try await base.delete(keys: keys) }

    public func copy(from source: String, to destination: String) async throws {
        try refuseTrashKey(destination)
        try await base.copy(from: source, to: destination)
    }

    public func presign(_ key: String, method: String, expires: Int) throws -> String {
        try base.presign(key, method: method, expires: expires)
    }

    public func incompleteUploads(prefix: String) async throws -> [IncompleteUpload] {
        try await base.incompleteUploads(prefix: prefix).filter { !location.isTrashKey($0.key) }
    }

    public func abortIncompleteUpload(_ upload: IncompleteUpload) async throws {
        try await base.abortIncompleteUpload(upload)
    }

    /// The bucket's server is the base's.
    public var diagnostics: (any ObjectStoreDiagnostics)? { base.diagnostics }
}

/// The base listing's iterator, advanced only from `AsyncThrowingStream(unfolding:)`'s closure,
/// which the stream calls once at a time (never concurrently): that is what makes the
/// unchecked `Sendable` sound.
private final class PageCursor: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<ObjectPage, any Error>.AsyncIterator

    init(_ iterator: AsyncThrowingStream<ObjectPage, any Error>.AsyncIterator) { self.iterator = iterator }

    func next() async throws -> ObjectPage? { try await iterator.next() }
}
