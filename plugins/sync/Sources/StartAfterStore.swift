import ObjectStore

/// The bucket as a resumed takeover sees it (docs/scale.md §6, "Resuming a takeover"): every
/// listing starts after `after` (S3 `start-after`, or later when the caller asked for later), so
/// the partition is listed from the previous holder's `last_key` on, intersected with whatever
/// prefix or key range the engine lists. A prefix whose every key sorts at or below `after` is
/// not asked for at all. Everything else passes through to `base`.
struct StartAfterStore: ForwardingObjectStore {
    let base: any ObjectStore
    let after: String

    var listsRangesConcurrently: Bool { base.listsRangesConcurrently }

    func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error> {
        // A key under `prefix` sorts above `after` only when `after` starts with the prefix or
        // the prefix sorts above it; otherwise they differ at a byte where `after` is higher.
        if !after.utf8.starts(with: options.prefix.utf8), KeyOrder.less(options.prefix, after) {
            return AsyncThrowingStream { $0.finish() }
        }
        var options = options
        if options.startAfter.map({ KeyOrder.less($0, after) }) ?? true { options.startAfter = after }
        return base.list(options)
    }
}
