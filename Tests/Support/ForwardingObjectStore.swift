public import ObjectStore

/// A test store that changes one thing about a real store (what its listing returns, a count of
/// the pages it hands out) and sends every other request to `base` unchanged. A conforming type
/// writes only `base` and what it changes; the rest is forwarded here, so a fault-injecting
/// double cannot drift from the store it wraps.
public protocol ForwardingObjectStore: ObjectStore {
    associatedtype Base: ObjectStore
    /// The real store every request the double does not change goes to.
    var base: Base { get }
}

extension ForwardingObjectStore {
    public var displayName: String { base.displayName }
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
}
