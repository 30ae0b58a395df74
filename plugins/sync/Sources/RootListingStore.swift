import FoundationEssentials
import ObjectStore

/// The bucket as a root partition sees it: a listing of `root` returns the keys directly under
/// it, and the whole content of any folder under it that is **not** a partition of its own (a
/// folder created after the run was planned), so the root partition covers exactly what the
/// folder partitions do not. Everything else passes through to `base`.
struct RootListingStore: ObjectStore {
    let base: any ObjectStore
    let root: String
    /// Folders listed by their own partitions.
    let skip: Set<String>

    var displayName: String { base.displayName }
    var diagnostics: (any ObjectStoreDiagnostics)? { base.diagnostics }
    // One chain of pages: the root's listing is a delimiter listing, not a key range.
    var listsRangesConcurrently: Bool { false }

    func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
        guard options.prefix == root, options.delimiter == nil, options.startAfter == nil else { return base.list(options) }
        let base = self.base, skip = self.skip, size = options.pageSize
        let (stream, continuation) = AsyncThrowingStream<ObjectPage, any Error>.makeStream()
        let task = Task {
            do {
                var folders: [String] = []
                for try await page in base.list(ListOptions(prefix: options.prefix, delimiter: "/", pageSize: size)) {
                    continuation.yield(ObjectPage(objects: page.objects))
                    folders += page.commonPrefixes.filter { !skip.contains($0) }
                }
                for folder in folders {
                    for try await page in base.list(ListOptions(prefix: folder, pageSize: size)) {
                        continuation.yield(ObjectPage(objects: page.objects))
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

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
    func withConcurrency<T: Sendable>(atLeast requests: Int, _ body: () async throws -> T) async throws -> T {
        try await base.withConcurrency(atLeast: requests, body)
    }
}
