public import Catalog
public import FoundationEssentials

/// What a sync will change, decided completely before anything is applied.
public struct SyncPlan: Sendable {
    /// A row to insert for an object that has none.
    public struct Addition: Sendable, Hashable {
        /// The bucket key (as listed).
        public var key: String
        public var record: NewRecord
    }

    /// A row to soft-delete or restore.
    public struct RowChange: Sendable, Hashable {
        public var id: UUID
        public var key: String
        public var nome: String
        public var url: String
    }

    public var additions: [Addition] = []
    public var removals: [RowChange] = []
    public var restorations: [RowChange] = []

    public init() {}

    init(additions: [Addition] = [], restorations: [RowChange] = [], removals: [RowChange] = []) {
        self.additions = additions
        self.restorations = restorations
        self.removals = removals
    }

    /// True when applying would change nothing.
    public var isEmpty: Bool { additions.isEmpty && removals.isEmpty && restorations.isEmpty }
    /// Number of row writes.
    public var changeCount: Int { additions.count + removals.count + restorations.count }
}

/// One classified key (or foreign/unparseable row): a line of `--report`.
public struct SyncItem: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Object and exactly one active row agree.
        case ok
        /// Object without row: a row is added.
        case add
        /// Active row without object: the row is soft-deleted.
        case remove
        /// Soft-deleted row whose object exists again: the row is restored.
        case restore
        /// Younger than `--min-age`: left alone this run.
        case young
        /// Several active rows for one existing object: reported, never fixed automatically.
        case duplicate
        /// Object and row disagree on size or content type: reported.
        case mismatch
        /// Url under no base of this bucket: never touched.
        case foreign
        /// Url under the bucket's base that cannot be read as a key: reported.
        case unparseable
        /// Several bucket keys with the same canonical (NFC) key: reported.
        case conflict
        /// A url whose candidate keys (decoded and raw-literal) both exist, or an object modified
        /// too close to its row's deletion to order them: reported, never changed.
        case ambiguous
        /// A row soft-deleted after its object's last change (`rm --keep-object`): left deleted,
        /// no new row either. Not drift.
        case keptOut = "kept_out"
    }

    public var kind: Kind
    public var key: String?
    public var url: String?
    public var recordID: UUID?
    /// A short English explanation (the report is data; stable wording).
    public var reason: String

    public init(kind: Kind, key: String?, url: String?, recordID: UUID?, reason: String) {
        self.kind = kind
        self.key = key
        self.url = url
        self.recordID = recordID
        self.reason = reason
    }

    /// The change this item causes: `add`, `remove`, `restore` or `none`.
    public var action: String {
        switch kind {
        case .add, .remove, .restore: kind.rawValue
        default: "none"
        }
    }
}

/// Counts of one sync run (the `--json` summary object).
public struct SyncSummary: Sendable, Hashable {
    /// Objects in scope.
    public var objects = 0
    /// Active rows in scope.
    public var records = 0
    public var added = 0
    public var removed = 0
    public var restored = 0
    /// Keys whose object and row agree (mismatched ones included: nothing is changed for them).
    public var unchanged = 0
    public var foreign = 0
    /// Keys with several active rows.
    public var duplicates = 0
    public var mismatched = 0
    public var unparseable = 0
    public var conflicts = 0
    /// Rows whose url names two existing objects (`KeyMapping.choose`), or whose deletion and
    /// object are too close in time to order (`DeletionOrder.tooClose`).
    public var ambiguous = 0
    /// Objects whose row was soft-deleted after their last change: deliberately left out.
    public var keptOut = 0
    /// Keys left alone because of `--min-age`.
    public var young = 0
    /// Keys with a `.`/`..` segment (their public urls fetch other objects): reported, not drift.
    public var dotSegments = 0
    /// The first such key, for the warning.
    public var dotSegmentExample: String?
    /// Objects a range-listed read missed and a HEAD found (their rows were not soft-deleted).
    public var listingMissed = 0
    /// Problems that need a person: unparseable urls, key conflicts and ambiguous urls.
    public var errors: Int { unparseable + conflicts + ambiguous }
    public var dryRun = false

    public init() {}

    /// True when `check` should report drift: something to change or something to fix by hand.
    public var hasDrift: Bool {
        added + removed + restored + duplicates + mismatched + unparseable + conflicts + ambiguous > 0
    }
}
