import Catalog
import Synchronization

extension SyncEngine {
    /// Applies a plan in batches inside `CatalogStore.withTransaction`: one transaction on
    /// Postgres and SQLite (a failure rolls everything back), request by request on PostgREST.
    /// Inserts go first, then restores, then soft-deletes, so a non-transactional run that stops
    /// half-way leaves extra rows rather than missing ones; the next run converges either way.
    ///
    /// Returns the rows actually soft-deleted and restored (a row someone else changed meanwhile
    /// is not counted). Per-row events are sent once the rows are durable: after the commit, or
    /// after each request when the store has no transactions.
    func apply(
        _ plan: SyncPlan, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> (removed: Int, restored: Int) {
        let total = plan.changeCount
        let transactional = catalog.supportsTransactions
        let progress = ApplyProgress()
        observer(.applying(done: 0, total: total))
        do {
            let additions = try await fitSizes(plan.additions, observer: observer)
            let insertSize = max(1, options.insertBatchSize), updateSize = max(1, options.updateBatchSize)
            let actor = options.actor
            let counts = try await catalog.withTransaction { writer in
                var removed = 0, restored = 0
                for batch in additions.chunked(insertSize) {
                    try Task.checkCancellation()
                    _ = try await writer.insert(batch.map(\.record))
                    let done = progress.add(batch.count)
                    if !transactional { observer(.added(Array(batch))) }
                    observer(.applying(done: done, total: total))
                }
                for batch in plan.restorations.chunked(updateSize) {
                    try Task.checkCancellation()
                    restored += try await writer.restore(ids: batch.map(\.id), actor: actor)
                    let done = progress.add(batch.count)
                    if !transactional { observer(.restored(Array(batch))) }
                    observer(.applying(done: done, total: total))
                }
                for batch in plan.removals.chunked(updateSize) {
                    try Task.checkCancellation()
                    removed += try await writer.softDelete(ids: batch.map(\.id), actor: actor)
                    let done = progress.add(batch.count)
                    if !transactional { observer(.removed(Array(batch))) }
                    observer(.applying(done: done, total: total))
                }
                return (removed, restored)
            }
            if transactional {
                if !additions.isEmpty { observer(.added(additions)) }
                if !plan.restorations.isEmpty { observer(.restored(plan.restorations)) }
                if !plan.removals.isEmpty { observer(.removed(plan.removals)) }
            }
            return counts
        } catch let error where !(error is CancellationError) {
            let (m, s) = SyncError.describe(error)
            // A rolled-back transaction applied nothing.
            throw SyncError.applyFailed(underlying: m, done: transactional ? 0 : progress.done, total: total, status: s)
        }
    }

    /// The original schema's `size` is INTEGER: objects above what the column holds get a row
    /// without a size rather than a failed batch. Asks the schema only when such objects exist.
    private func fitSizes(
        _ additions: [SyncPlan.Addition], observer: @Sendable (SyncEvent) -> Void
    ) async throws -> [SyncPlan.Addition] {
        guard additions.contains(where: { ($0.record.size ?? 0) > Int64(Int32.max) }) else { return additions }
        let maxSize = try await catalog.checkSchema().maxSize
        var tooLarge = 0
        let fitted = additions.map { a -> SyncPlan.Addition in
            guard let size = a.record.size, size > maxSize else { return a }
            tooLarge += 1
            var copy = a
            copy.record.size = nil
            return copy
        }
        if tooLarge > 0 { observer(.sizeColumnTooSmall(count: tooLarge)) }
        return fitted
    }
}

/// Changes written so far (shared with the transaction body, which must be `@Sendable`).
private final class ApplyProgress: Sendable {
    private let count = Mutex(0)

    var done: Int { count.withLock { $0 } }

    func add(_ n: Int) -> Int {
        count.withLock {
            $0 += n
            return $0
        }
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
