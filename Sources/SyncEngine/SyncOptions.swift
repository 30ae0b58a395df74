public import FoundationEssentials

/// How a sync behaves. Defaults are the safe ones the issue asks for.
public struct SyncOptions: Sendable {
    /// Plan and report only; change nothing (also what `check` and `--plan` use).
    public var dryRun: Bool
    /// A soft-deleted row whose object exists again is restored (keeps its `referencia_id`);
    /// `false` adds a new row instead.
    public var restore: Bool
    /// Objects and rows changed more recently than this are left alone (uploads in progress).
    public var minAge: Duration
    /// The deletion cap checked before any change.
    public var maxDelete: MaxDelete
    /// Sync even when the bucket lists no object in scope while the catalog has rows.
    public var allowEmptyBucket: Bool
    /// HEAD every listed object for its real content type instead of the extension table.
    public var verifyTypes: Bool
    /// Concurrent HEAD requests with `verifyTypes`.
    public var headConcurrency: Int
    /// Rows per `insert` call (≥ 500 as the issue asks; stores may split further).
    public var insertBatchSize: Int
    /// Ids per soft-delete / restore call.
    public var updateBatchSize: Int
    /// Listing page size (S3 max-keys); tests use small pages.
    public var listPageSize: Int
    /// Written to `created_by` / `updated_by`.
    public var actor: UUID?
    /// "Now", injectable for tests (min-age is measured from it).
    public var now: Date
    /// How long to wait for another sync's lock (`--wait`); zero refuses at once.
    public var lockWait: Duration = .zero
    /// Changes per catalog transaction (issue 17 §3): each chunk commits on its own, so a rerun
    /// after a crash continues from what was committed; nil applies the whole plan in one transaction.
    public var changesPerTransaction: Int? = 5000
    /// A resumed takeover of a worker's partition (docs/scale.md §6): every change positioned
    /// (`ChangePositions`) at or below this key was decided by the previous holder, so none is
    /// planned — in particular no soft-delete of a row whose object the listing, which the
    /// caller starts after this key, did not read. nil: plan everything (the default).
    public var resumeAfter: String?
    /// Listing streams per prefix (`--list-concurrency`, issue 17 §1); 1 lists one page after
    /// another. `sync` and `check` default to 8 (faster through the latency proxy, docs/scale.md);
    /// the engine's own default stays 1 for callers that list small scopes (watch).
    public var listConcurrency = 1
    /// Listed keys per partition (`--partition-size`, issue 17 §2): when set, a non-interactive
    /// sync plans partition by partition with the plan spilled to a temporary file, so memory is
    /// bounded by this size instead of the bucket (docs/scale.md §5); nil: in memory up to `partitionThreshold`.
    public var partitionSize: Int?
    /// Bounded memory by default (issue 17 §2): a non-interactive sync without `partitionSize`
    /// starts in memory and, once the listing (or the catalog read) passes this many keys (rows),
    /// drops what it read and plans in partitions of `automaticPartitionSize` instead
    /// (docs/scale.md §5). nil: always in memory.
    public var partitionThreshold: Int? = 250_000
    /// Partition size after the switch above.
    public var automaticPartitionSize = 50_000

    public init(
        dryRun: Bool = false, restore: Bool = true, minAge: Duration = .seconds(600), maxDelete: MaxDelete = .automatic,
        allowEmptyBucket: Bool = false, verifyTypes: Bool = false, headConcurrency: Int = 16,
        insertBatchSize: Int = 1000, updateBatchSize: Int = 1000, listPageSize: Int = 1000, actor: UUID? = nil,
        now: Date = Date()
    ) {
        self.dryRun = dryRun
        self.restore = restore
        self.minAge = minAge
        self.maxDelete = maxDelete
        self.allowEmptyBucket = allowEmptyBucket
        self.verifyTypes = verifyTypes
        self.headConcurrency = headConcurrency
        self.insertBatchSize = insertBatchSize
        self.updateBatchSize = updateBatchSize
        self.listPageSize = listPageSize
        self.actor = actor
        self.now = now
    }

    /// Objects modified and rows changed after this instant are "young".
    var youngCutoff: Date {
        let c = minAge.components
        return now.addingTimeInterval(-(Double(c.seconds) + Double(c.attoseconds) / 1e18))
    }
}

/// `--max-delete N|P%`: the most soft-deletes one sync may do.
public enum MaxDelete: Sendable, Hashable, CustomStringConvertible {
    /// 10 % of the scoped active rows or 100, whichever is larger.
    case automatic
    /// At most this many.
    case count(Int)
    /// At most this share (0…100) of the scoped active rows.
    case percent(Double)

    /// Parses `250`, `5%`, `100%`; `nil` for anything else.
    public init?(parsing text: String) {
        if text.hasSuffix("%") {
            guard let p = Double(text.dropLast()), p >= 0, p <= 100 else { return nil }
            self = .percent(p)
        } else {
            guard let n = Int(text), n >= 0 else { return nil }
            self = .count(n)
        }
    }

    /// The cap for a scope with `activeRows` active rows.
    public func limit(activeRows: Int) -> Int {
        switch self {
        case .automatic: max(activeRows / 10, 100)
        case .count(let n): n
        case .percent(let p): Int((Double(activeRows) * p / 100).rounded(.down))
        }
    }

    public var description: String {
        switch self {
        case .automatic: "auto"
        case .count(let n): String(n)
        case .percent(let p): (p == p.rounded() ? String(Int(p)) : String(p)) + "%"
        }
    }
}
