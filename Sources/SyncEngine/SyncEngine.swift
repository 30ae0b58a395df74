public import Catalog
public import ObjectStore
import R2SCore
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
}

/// The reconcile engine behind `sync` and `check`: read both sides completely and concurrently,
/// classify every key, check the guards, then (for `sync`) apply in batches under the catalog's
/// sync lock. Any read error means no change at all.
public struct SyncEngine: Sendable {
    public let objectStore: any ObjectStore
    public let catalog: any CatalogStore
    public let mapping: any SyncKeyMapping
    public let scope: any SyncScope
    public let mediaType: MediaTypeLookup

    public init(
        objectStore: any ObjectStore, catalog: any CatalogStore, mapping: any SyncKeyMapping, scope: any SyncScope,
        mediaType: @escaping MediaTypeLookup
    ) {
        self.objectStore = objectStore
        self.catalog = catalog
        self.mapping = mapping
        self.scope = scope
        self.mediaType = mediaType
    }

    /// Reads and classifies without changing anything and without the lock (`check`,
    /// `--dry-run`, `--plan`). Guards are evaluated so a dry run shows a refusal too.
    public func plan(_ options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void) async throws -> SyncResult {
        let (objects, catalogIndex) = try await readBothSides(options, observer: observer)
        observer(.read(objects: objects.scopedObjects, records: catalogIndex.scopedActiveRows))
        let classifier = SyncClassifier(options: options, mapping: mapping)
        let (plan, summary) = classifier.classify(objects: objects, catalog: catalogIndex) { observer(.item($0)) }
        observer(.planned(plan, summary))
        return SyncResult(plan: plan, summary: summary, refusal: SyncRefusal.check(plan, summary, options: options))
    }

    /// A full sync: under the catalog's sync lock, plan, check the guards, ask `confirm` (only
    /// when there is something to change), then apply. With `options.dryRun` no lock is taken.
    public func sync(
        _ options: SyncOptions, observer: @escaping @Sendable (SyncEvent) -> Void,
        confirm: @escaping @Sendable (SyncResult) async -> Bool
    ) async throws -> SyncResult {
        if options.dryRun { return try await plan(options, observer: observer) }
        let entered = Mutex(false)
        do {
            return try await catalog.withSyncLock {
                entered.withLock { $0 = true }
                var result = try await plan(options, observer: observer)
                guard result.refusal == nil, !result.plan.isEmpty else { return result }
                guard await confirm(result) else {
                    result.declined = true
                    return result
                }
                let (added, removed, restored) = try await apply(result.plan, options: options, observer: observer)
                result.summary.added = added
                result.summary.removed = removed
                result.summary.restored = restored
                result.applied = true
                return result
            }
        } catch let error where !entered.withLock({ $0 }) && !(error is CancellationError) {
            // The body never ran: taking the lock failed (held by another sync, or no connection).
            // A typed connection error (exit 3) says so; anything else means the lock is held.
            let (message, status) = SyncError.describe(error)
            if let e = error as? any UserFacingError, e.exitStatus == .config {
                throw SyncError.catalogFailed(underlying: message, status: status)
            }
            throw SyncError.locked(underlying: message)
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
