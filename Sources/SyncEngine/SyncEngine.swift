public import Catalog
public import ObjectStore
public import Scope
public import UserFacing
import FoundationEssentials
import Synchronization

/// What the engine reports while it works. Delivered from several tasks at once (the listing
/// and the catalog read run concurrently), so observers must be thread-safe.
public enum SyncEvent: Sendable {
    /// Running totals while reading both sides.
    case reading(objects: Int, rows: Int)
    /// One listing page was processed (progress; tests use it to break the server mid-listing).
    case pageListed(objects: Int)
    /// HEAD progress with `--verify-types`.
    case verifyingTypes(done: Int, total: Int)
    /// Both sides were read completely: scoped counts.
    case read(objects: Int, records: Int)
    /// One classified item (for `--report`), in key order.
    case item(SyncItem)
    /// The plan is complete (guards not yet checked).
    case planned(SyncPlan, SyncSummary)
    /// New rows were stored.
    case added([SyncPlan.Addition])
    /// Rows were soft-deleted.
    case removed([SyncPlan.RowChange])
    /// Rows were restored.
    case restored([SyncPlan.RowChange])
    /// Apply progress.
    case applying(done: Int, total: Int)
    /// Objects too large for the `size` column: inserted without a size.
    case sizeColumnTooSmall(count: Int)
    /// A note from taking the sync lock: waiting for its holder, or taken over from a dead one.
    case lock(LocalizedText)
    /// After the operator's "yes", the plan checked again under the lock differed.
    case replanned(SyncResult.ChangedMeanwhile)
    /// The server listed this prefix out of byte order: it was listed again one page after another.
    case listingOutOfOrder(prefix: String)
    /// A range-listed read missed these existing objects (found by the HEAD that confirms each
    /// planned soft-delete, `ListingConfirmation`): they were kept in the plan as listed.
    case listingMissed(keys: [String])
    /// The plan was made in this many partitions and spilled to a temporary file (`partitionSize`).
    case partitioned(partitions: Int, changes: Int)
}

/// The result of one run.
public struct SyncResult: Sendable {
    public var plan: SyncPlan
    public var summary: SyncSummary
    /// Set when a guard stopped the run before any change.
    public var refusal: SyncRefusal?
    /// The operator answered "no" to the confirmation.
    public var declined = false
    /// Changes were written.
    public var applied = false
    /// Set when the plan the operator approved was checked again under the lock and differed.
    public var changedMeanwhile: ChangedMeanwhile?

    /// What changed between the question and taking the lock (issue 11 §4).
    public struct ChangedMeanwhile: Sendable, Hashable {
        /// Approved changes that no longer apply (someone else made them, or the file/row changed).
        public var dropped: Int
        /// Changes the new plan has that the operator was not asked about: left for the next run.
        public var appeared: Int
    }
}

/// The reconcile engine behind `sync` and `check`: read both sides completely and concurrently,
/// classify every key, check the guards, then (for `sync`) apply in batches under the catalog's
/// sync lock. Any read error means no change at all.
public struct SyncEngine: Sendable {
    public let objectStore: any ObjectStore
    public let catalog: any CatalogStore
    /// Url ⇄ key for this bucket (the storage layer's own type: no adapter).
    public let mapping: KeyMapping
    /// Which keys the run covers, on both sides (the scope model itself: no adapter).
    public let scope: Scope

    /// Media types come from the store (HEAD with `--verify-types`) or the extension table
    /// (`ObjectIndex.extensionType`), so the engine needs no lookup of its own.
    public init(objectStore: any ObjectStore, catalog: any CatalogStore, mapping: KeyMapping, scope: Scope) {
        self.objectStore = objectStore
        self.catalog = catalog
        self.mapping = mapping
        self.scope = scope
    }

    /// Reads and classifies without changing anything and without the lock (`check`,
    /// `--dry-run`, `--plan`). Guards are evaluated so a dry run shows a refusal too.
    public func plan(_ options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void) async throws -> SyncResult {
        try await plan(options, observer: observer, limit: nil)
    }

    /// `plan`, stopping with `ReadPastLimit` once either side passes `limit` keys or rows.
    func plan(_ options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void, limit: Int?) async throws -> SyncResult {
        let (objects, catalogIndex) = try await readBothSides(options, observer: observer, limit: limit)
        observer(.read(objects: objects.scopedObjects, records: catalogIndex.scopedActiveRows))
        let (plan, summary) = try await classifyConfirmed(objects: objects, catalog: catalogIndex, options: options, observer: observer)
        observer(.planned(plan, summary))
        return SyncResult(plan: plan, summary: summary, refusal: SyncRefusal.check(plan, summary, options: options))
    }

    /// A full sync: plan, check the guards, ask `confirm` (only when there is something to
    /// change), then apply under the catalog's sync lock. With `options.dryRun` no lock is taken.
    ///
    /// - Parameter interactive: `confirm` may wait for a person. Then the question is asked
    ///   *without* the lock (a cron sync is not blocked by an open prompt); after a yes the lock
    ///   is taken, the plan is made again, and only the approved changes that still hold are
    ///   applied (`changedMeanwhile` says what differed). Otherwise everything runs under the
    ///   lock and both sides are read once.
    public func sync(
        _ options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void,
        confirm: @escaping @Sendable (SyncResult) async -> Bool, interactive: Bool = false
    ) async throws -> SyncResult {
        if options.dryRun { return try await plan(options, observer: observer) }
        // Bounded memory (issue 17 §2): past the threshold (or with a partition size) the plan
        // goes to a file. A person's question keeps the in-memory path, which re-plans under the
        // lock and compares (docs/scale.md §5).
        guard interactive else {
            return try await underLock(options, observer: observer) {
                var result: SyncResult
                switch try await planBounded(options, observer: observer) {
                case .spilled(let planned): return try await applyingSpilled(planned, options: options, observer: observer, confirm: confirm)
                case .inMemory(let planned): result = planned
                }
                guard result.refusal == nil, !result.plan.isEmpty else { return result }
                guard await confirm(result) else {
                    result.declined = true
                    return result
                }
                return try await applying(result, options: options, observer: observer)
            }
        }
        let started = ContinuousClock.now
        var first = try await plan(options, observer: observer)
        guard first.refusal == nil, !first.plan.isEmpty else { return first }
        guard await confirm(first) else {
            first.declined = true
            return first
        }
        let asked = first
        return try await underLock(options, observer: observer) {
            // Read again, quietly: the report and the log already describe the first reading.
            // "Now" moves on by the time the question took, so --min-age is measured from the re-check.
            var again = options
            let waited = ContinuousClock.now - started
            again.now = options.now.addingTimeInterval(Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18)
            let fresh = try await plan(again, observer: { _ in })
            let result = Self.stillApproved(asked, fresh, options: options)
            if let changed = result.changedMeanwhile { observer(.replanned(changed)) }
            guard result.refusal == nil, !result.plan.isEmpty else { return result }
            return try await applying(result, options: options, observer: observer)
        }
    }

    private func applying(
        _ planned: SyncResult, options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void
    ) async throws -> SyncResult {
        var result = planned
        let (added, removed, restored) =
            if let chunk = options.changesPerTransaction {
                try await applyInChunks(result.plan, options: options, chunkSize: chunk, observer: observer)
            } else {
                try await apply(result.plan, options: options, observer: observer)
            }
        result.summary.added = added
        result.summary.removed = removed
        result.summary.restored = restored
        result.applied = true
        return result
    }

    /// The approved plan reduced to what the fresh plan (made under the lock) still contains,
    /// with the fresh plan's data; the guards are checked again on it.
    static func stillApproved(_ asked: SyncResult, _ fresh: SyncResult, options: SyncOptions) -> SyncResult {
        let addKeys = Set(asked.plan.additions.map(\.key))
        let removeIDs = Set(asked.plan.removals.map(\.id)), restoreIDs = Set(asked.plan.restorations.map(\.id))
        var plan = SyncPlan()
        plan.additions = fresh.plan.additions.filter { addKeys.contains($0.key) }
        plan.removals = fresh.plan.removals.filter { removeIDs.contains($0.id) }
        plan.restorations = fresh.plan.restorations.filter { restoreIDs.contains($0.id) }
        var summary = fresh.summary
        summary.added = plan.additions.count
        var result = SyncResult(plan: plan, summary: summary, refusal: SyncRefusal.check(plan, summary, options: options))
        let dropped = asked.plan.changeCount - plan.changeCount, appeared = fresh.plan.changeCount - plan.changeCount
        if dropped > 0 || appeared > 0 { result.changedMeanwhile = .init(dropped: dropped, appeared: appeared) }
        return result
    }

    /// Runs `body` under the catalog's sync lock. A failure to take the lock becomes
    /// `SyncError.locked` (held by another sync, exit 4); other failures there (no connection,
    /// no lock table) keep their own message, hint and status.
    func underLock<T: Sendable>(
        _ options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void,
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let entered = Mutex(false)
        let lockOptions = SyncLockOptions(wait: options.lockWait) { observer(.lock($0)) }
        do {
            return try await catalog.withSyncLock(lockOptions) {
                entered.withLock { $0 = true }
                return try await body()
            }
        } catch let error as CatalogError where !entered.withLock({ $0 }) && error.code == .locked {
            throw SyncError.locked(cause: error)
        } catch let error as CatalogError where !entered.withLock({ $0 }) && [.connection, .authentication].contains(error.code) {
            throw SyncError.catalogFailed(cause: error)
        } catch let error where !entered.withLock({ $0 }) && !(error is CancellationError) && !(error is any UserFacingError) {
            throw SyncError.locked(cause: error)
        }
    }

    /// The catalog query covering the scope: every row (active and deleted) under the listed
    /// prefixes, any content type (type rules are applied per key, on both sides, in memory).
    ///
    /// Pages of 5,000 rows: one round trip per 5,000 rows on direct Postgres (a cursor FETCH);
    /// PostgREST stores cap pages at their server's max-rows (1,000) themselves.
    public func recordQuery(prefixes: [String], pageSize: Int = 5000) -> RecordQuery {
        var urlPrefixes: [String] = []
        if !prefixes.contains("") {
            for p in prefixes {
                for url in mapping.urlPrefixes(forKeyPrefix: p) where !urlPrefixes.contains(url) { urlPrefixes.append(url) }
            }
        }
        return RecordQuery(deleted: .include, urlPrefixes: urlPrefixes, contentTypes: [], pageSize: pageSize)
    }

    /// Scope prefixes without overlaps (`a/` covers `a/b/`): `[""]` for the whole bucket, `[]`
    /// for a scope that matches nothing.
    public static func listPrefixes(_ prefixes: [String]) -> [String] {
        if prefixes.contains("") { return [""] }
        let sorted = Set(prefixes).sorted()
        var out: [String] = []
        for p in sorted where !out.contains(where: { p.hasPrefix($0) }) { out.append(p) }
        return out
    }
}
