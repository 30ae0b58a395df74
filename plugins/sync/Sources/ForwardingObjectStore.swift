import ObjectStore

/// A store that changes only how some listings look and passes everything else to `base`
/// (`RootListingStore`, `StartAfterStore`): the forwarding written once.
protocol ForwardingObjectStore: ObjectStore {
    var base: any ObjectStore { get }
}

extension ForwardingObjectStore {
    var displayName: String { base.displayName }
    var diagnostics: (any ObjectStoreDiagnostics)? { base.diagnostics }
    func head(_ key: String) async throws -> ObjectInfo? { try await base.head(key) }
    func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?) async throws
        -> ObjectInfo
    {
        try await base.download(key, to: path, range: range, progress: progress)
    }
    func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?) async throws -> ObjectInfo {
        try await base.upload(path, to: key, contentType: contentType, progress: progress)
    }
    func delete(_ key: String) async throws { try await base.delete(key) }
    func delete(keys: [String]) async throws -> [KeyFailure] { try await base.delete(keys: keys) }
    func copy(from source: String, to destination: String) async throws { try await base.copy(from: source, to: destination) }
    func presign(_ key: String, method: String, expires: Int) throws -> String {
        try base.presign(key, method: method, expires: expires)
    }
    func incompleteUploads(prefix: String) async throws -> [IncompleteUpload] { try await base.incompleteUploads(prefix: prefix) }
    func abortIncompleteUpload(_ upload: IncompleteUpload) async throws { try await base.abortIncompleteUpload(upload) }
    func withConcurrency<T: Sendable>(atLeast requests: Int, _ body: () async throws -> T) async throws -> T {
        try await base.withConcurrency(atLeast: requests, body)
    }
}
