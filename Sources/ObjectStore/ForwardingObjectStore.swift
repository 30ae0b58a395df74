/// A store that changes one thing about another store (how some listings look, a count of the
/// pages it hands out) and sends every other request to `base` unchanged: a conforming type
/// writes only `base` and what it changes, so it cannot drift from the store it wraps. Used by
/// the shared sync's partition views (`RootListingStore`, `StartAfterStore`) and by the tests'
/// fault-injecting doubles. `listsRangesConcurrently` is not forwarded: a view that changes the
/// listing says itself whether ranges of it may be listed at once.
public protocol ForwardingObjectStore: ObjectStore {
    /// The store every request the wrapper does not change goes to.
    var base: any ObjectStore { get }
}

extension ForwardingObjectStore {
    public var displayName: String { base.displayName }
    public var diagnostics: (any ObjectStoreDiagnostics)? { base.diagnostics }
    public func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> { base.list(options) }
    public func head(_ key: String) async throws -> ObjectInfo? { try await base.head(key) }
    public func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?)
        async throws -> ObjectInfo
    {
        try await base.download(key, to: path, range: range, progress: progress)
    }
    public func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?)
        async throws -> ObjectInfo
    {
        try await base.upload(path, to: key, contentType: contentType, progress: progress)
    }
    public func delete(_ key: String) async throws { try await base.delete(key) }
    public func delete(keys: [String]) async throws -> [KeyFailure] { try await base.delete(keys: keys) }
    public func copy(from source: String, to destination: String) async throws {
        try await base.copy(from: source, to: destination)
    }
    public func presign(_ key: String, method: String, expires: Int) throws -> String {
        try base.presign(key, method: method, expires: expires)
    }
    public func incompleteUploads(prefix: String) async throws -> [IncompleteUpload] {
        try await base.incompleteUploads(prefix: prefix)
    }
    public func abortIncompleteUpload(_ upload: IncompleteUpload) async throws { try await base.abortIncompleteUpload(upload) }
    public func withConcurrency<T: Sendable>(atLeast requests: Int, _ body: () async throws -> T) async throws -> T {
        try await base.withConcurrency(atLeast: requests, body)
    }
}
