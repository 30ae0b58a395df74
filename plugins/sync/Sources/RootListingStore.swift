import FoundationEssentials
import ObjectStore

/// The bucket as a root partition sees it: a listing of `root` returns the keys directly under
/// it, and the whole content of any folder under it that is **not** a partition of its own (a
/// folder created after the run was planned), so the root partition covers exactly what the
/// folder partitions do not. Everything else passes through to `base`.
struct RootListingStore: ForwardingObjectStore {
    let base: any ObjectStore
    let root: String
    /// Folders listed by their own partitions.
    let skip: Set<String>

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
}
