import Catalog

extension SyncEngine {
    /// Applies a plan in batches: inserts, then restores, then soft-deletes (so a crash leaves
    /// extra rows rather than missing ones; the next run converges). Returns the rows actually
    /// soft-deleted and restored (a row someone else changed meanwhile is not counted).
    func apply(
        _ plan: SyncPlan, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> (removed: Int, restored: Int) {
        let total = plan.changeCount
        var done = 0
        var removed = 0
        var restored = 0
        observer(.applying(done: 0, total: total))
        do {
            let additions = try await fitSizes(plan.additions, observer: observer)
            for batch in additions.chunked(max(1, options.insertBatchSize)) {
                try Task.checkCancellation()
                _ = try await catalog.insert(batch.map(\.record))
                done += batch.count
                observer(.added(Array(batch)))
                observer(.applying(done: done, total: total))
            }
            for batch in plan.restorations.chunked(max(1, options.updateBatchSize)) {
                try Task.checkCancellation()
                restored += try await catalog.restore(ids: batch.map(\.id), actor: options.actor)
                done += batch.count
                observer(.restored(Array(batch)))
                observer(.applying(done: done, total: total))
            }
            for batch in plan.removals.chunked(max(1, options.updateBatchSize)) {
                try Task.checkCancellation()
                removed += try await catalog.softDelete(ids: batch.map(\.id), actor: options.actor)
                done += batch.count
                observer(.removed(Array(batch)))
                observer(.applying(done: done, total: total))
            }
        } catch let error where !(error is CancellationError) {
            let (m, s) = SyncError.describe(error)
            throw SyncError.applyFailed(underlying: m, done: done, total: total, status: s)
        }
        return (removed, restored)
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

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
