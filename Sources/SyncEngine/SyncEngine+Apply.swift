import Catalog
import Synchronization

extension SyncEngine {
    /// Applies a plan in batches inside `CatalogStore.withTransaction`: one transaction on
    /// Postgres and SQLite (a failure rolls everything back), request by request on PostgREST.
    /// Inserts go first, then restores, then soft-deletes, so a non-transactional run that stops
    /// half-way leaves extra rows rather than missing ones; the next run converges either way.
    ///
    /// Each batch is re-checked against the catalog right before it is written (see
    /// `SyncEngine+Races.swift`): a row the app inserted, deleted or changed since the read wins.
    ///
    /// Returns the rows actually added, soft-deleted and restored (a change dropped by the
    /// re-check or a row someone else changed meanwhile is not counted). Per-row events are sent
    /// once the rows are durable: after the commit, or after each request when the store has no
    /// transactions.
    func apply(
        _ plan: SyncPlan, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> (added: Int, removed: Int, restored: Int) {
        let total = plan.changeCount
        let transactional = catalog.supportsTransactions
        let progress = ApplyProgress()
        observer(.applying(done: 0, total: total))
        do {
            let additions = try await fitSizes(plan.additions, observer: observer)
            let insertSize = max(1, options.insertBatchSize), updateSize = max(1, options.updateBatchSize)
            let actor = options.actor, cutoff = options.youngCutoff
            let written = WrittenChanges()
            let counts = try await catalog.withTransaction { writer in
                var added = 0, removed = 0, restored = 0
                // Re-checked 5,000 changes at a time (one lookup statement on Postgres), then
                // written in batches: the apply's round trips stay those of the writes.
                for chunk in additions.chunked(Self.recheckSize) {
                    try Task.checkCancellation()
                    let fresh = try await unclaimed(chunk, cutoff: cutoff)
                    _ = progress.add(chunk.count - fresh.count)
                    for batch in fresh.chunked(insertSize) {
                        try Task.checkCancellation()
                        added += try await writer.insert(batch.map(\.record)).count
                        let done = progress.add(batch.count)
                        written.record(added: Array(batch), durable: !transactional, observer: observer)
                        observer(.applying(done: done, total: total))
                    }
                }
                for chunk in plan.restorations.chunked(Self.recheckSize) {
                    try Task.checkCancellation()
                    let valid = try await stillValid(chunk, cutoff: cutoff, restoring: true)
                    _ = progress.add(chunk.count - valid.count)
                    for batch in valid.chunked(updateSize) {
                        try Task.checkCancellation()
                        restored += try await writer.restore(ids: batch.map(\.id), actor: actor)
                        let done = progress.add(batch.count)
                        written.record(restored: Array(batch), durable: !transactional, observer: observer)
                        observer(.applying(done: done, total: total))
                    }
                }
                for chunk in plan.removals.chunked(Self.recheckSize) {
                    try Task.checkCancellation()
                    let valid = try await stillValid(chunk, cutoff: cutoff, restoring: false)
                    _ = progress.add(chunk.count - valid.count)
                    for batch in valid.chunked(updateSize) {
                        try Task.checkCancellation()
                        removed += try await writer.softDelete(ids: batch.map(\.id), actor: actor)
                        let done = progress.add(batch.count)
                        written.record(removed: Array(batch), durable: !transactional, observer: observer)
                        observer(.applying(done: done, total: total))
                    }
                }
                return (added, removed, restored)
            }
            if transactional { written.flush(observer: observer) }
            return counts
        } catch let error where !(error is CancellationError) {
            // A rolled-back transaction applied nothing.
            throw SyncError.applyFailed(cause: error, done: transactional ? 0 : progress.done, total: total)
        }
    }

    /// The original schema's `size` is INTEGER: objects above what the column holds get a row
    /// without a size rather than a failed batch. Asks the schema only when such objects exist.
    func fitSizes(
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

/// The changes written inside a transaction, announced once it commits (or right away when the
/// store has no transactions).
private final class WrittenChanges: Sendable {
    private let state = Mutex((added: [SyncPlan.Addition](), restored: [SyncPlan.RowChange](), removed: [SyncPlan.RowChange]()))

    func record(
        added: [SyncPlan.Addition] = [], restored: [SyncPlan.RowChange] = [], removed: [SyncPlan.RowChange] = [], durable: Bool,
        observer: @Sendable (SyncEvent) -> Void
    ) {
        if durable {
            if !added.isEmpty { observer(.added(added)) }
            if !restored.isEmpty { observer(.restored(restored)) }
            if !removed.isEmpty { observer(.removed(removed)) }
        } else {
            state.withLock {
                $0.added += added
                $0.restored += restored
                $0.removed += removed
            }
        }
    }

    func flush(observer: @Sendable (SyncEvent) -> Void) {
        let s = state.withLock { $0 }
        if !s.added.isEmpty { observer(.added(s.added)) }
        if !s.restored.isEmpty { observer(.restored(s.restored)) }
        if !s.removed.isEmpty { observer(.removed(s.removed)) }
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
