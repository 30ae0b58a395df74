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
                // Re-checked 5,000 changes at a time (one lookup statement on Postgres), then
                // written in batches: the apply's round trips stay those of the writes.
                let added = try await applyPhase(
                    additions, batchSize: insertSize, progress: progress, total: total, observer: observer,
                    recheck: { try await unclaimed($0, cutoff: cutoff) },
                    write: { try await writer.insert($0.map(\.record)).count },
                    written: { written.record(added: $0, durable: !transactional, observer: observer) })
                let restored = try await applyPhase(
                    plan.restorations, batchSize: updateSize, progress: progress, total: total, observer: observer,
                    recheck: { try await stillValid($0, cutoff: cutoff, restoring: true) },
                    write: { try await writer.restore(ids: $0.map(\.id), actor: actor) },
                    written: { written.record(restored: $0, durable: !transactional, observer: observer) })
                let removed = try await applyPhase(
                    plan.removals, batchSize: updateSize, progress: progress, total: total, observer: observer,
                    recheck: { try await stillValid($0, cutoff: cutoff, restoring: false) },
                    write: { try await writer.softDelete(ids: $0.map(\.id), actor: actor) },
                    written: { written.record(removed: $0, durable: !transactional, observer: observer) })
                return (added, removed, restored)
            }
            if transactional { written.flush(observer: observer) }
            return counts
        } catch let error where !(error is CancellationError) {
            // A rolled-back transaction applied nothing.
            throw SyncError.applyFailed(cause: error, done: transactional ? 0 : progress.done, total: total)
        }
    }

    /// One kind of change through the apply: re-checked `recheckSize` at a time (`recheck` keeps
    /// what is still due), then written `batchSize` at a time (`write` returns how many rows it
    /// changed); every change counts towards `progress`, written or dropped, and each written
    /// batch goes to `written`. Returns the rows changed.
    private func applyPhase<Change: Sendable>(
        _ changes: [Change], batchSize: Int, progress: ApplyProgress, total: Int,
        observer: @Sendable (SyncEvent) -> Void,
        recheck: (ArraySlice<Change>) async throws -> [Change],
        write: ([Change]) async throws -> Int,
        written: ([Change]) -> Void
    ) async throws -> Int {
        var changed = 0
        for chunk in changes.chunked(Self.recheckSize) {
            try Task.checkCancellation()
            let due = try await recheck(chunk)
            _ = progress.add(chunk.count - due.count)
            for batch in due.chunked(batchSize) {
                try Task.checkCancellation()
                let rows = Array(batch)
                changed += try await write(rows)
                let done = progress.add(rows.count)
                written(rows)
                observer(.applying(done: done, total: total))
            }
        }
        return changed
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
