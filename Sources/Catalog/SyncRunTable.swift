public import FoundationEssentials

/// One shared sync run (`sync --workers N`, `sync --join`): a row of `r2s_sync_runs`.
public struct SyncRun: Sendable, Hashable {
    /// planning → approved → applying → done, or refused (a global guard said no: nothing was
    /// written), or abandoned (its planner died and a new run of the same table took over).
    public enum State: String, Sendable, CaseIterable {
        case planning, approved, applying, done, refused, abandoned

        /// Runs a worker may still join.
        public static let active: [State] = [.planning, .approved, .applying]
        /// States in which batches may be committed.
        public static let applicable: [State] = [.approved, .applying]
    }

    public var id: String
    /// What the run reconciles (profile, bucket, table, scope): `--join` finds the run by it.
    public var fingerprint: String
    public var state: State
    /// The run's totals as JSON, written by the planner (guards) and at the end (the summary).
    public var totals: String?

    public init(id: String, fingerprint: String, state: State, totals: String?) {
        self.id = id
        self.fingerprint = fingerprint
        self.state = state
        self.totals = totals
    }
}

/// One partition (a key prefix) of a run: a row of `r2s_sync_leases`.
public struct RunPartition: Sendable, Hashable {
    /// pending (to plan) → planned (counts recorded) → done (applied).
    public enum State: String, Sendable {
        case pending, planned, done
    }

    public var prefix: String
    public var state: State
    /// Who holds the lease now (`r2s 1.4.0 pid 42 on host`), nil when free.
    public var owner: String?
    public var expiresAt: Date?
    /// Batches committed under a lease of this partition (all phases, all holders).
    public var lastBatch: Int
    /// The last key of the last committed batch.
    public var lastKey: String?
    /// How many times an expired lease was taken over.
    public var takeovers: Int
    /// The partition's counts as JSON (written when it was planned, then when it was applied).
    public var counts: String?

    public init(
        prefix: String, state: State, owner: String?, expiresAt: Date?, lastBatch: Int, lastKey: String?, takeovers: Int,
        counts: String?
    ) {
        self.prefix = prefix
        self.state = state
        self.owner = owner
        self.expiresAt = expiresAt
        self.lastBatch = lastBatch
        self.lastKey = lastKey
        self.takeovers = takeovers
        self.counts = counts
    }
}

/// A partition lease held by one worker: the token in the row proves it is still ours.
public struct PartitionLease: Sendable, Hashable {
    public var run: String
    public var prefix: String
    /// The state the partition had when claimed (what the holder is to do with it).
    public var state: RunPartition.State
    public var holder: LeaseHolder

    public init(run: String, prefix: String, state: RunPartition.State, holder: LeaseHolder) {
        self.run = run
        self.prefix = prefix
        self.state = state
        self.holder = holder
    }
}

/// The run and lease tables of a catalog that can share one sync between processes
/// (docs/scale.md, "Many workers"). Every operation is one short statement or request, except
/// `checkpoint`, which is meant to run **inside** the store's `withTransaction` so that the lease
/// check and the batch commit together (where the store has transactions).
public protocol SyncRunTable: Sendable {
    /// Creates a run in state `planning` with one `pending` partition per prefix.
    func createRun(fingerprint: String, partitions: [String], planner: LeaseHolder) async throws -> SyncRun
    /// The newest run with this fingerprint still in an active state, or nil.
    func activeRun(fingerprint: String) async throws -> SyncRun?
    /// One run by id.
    func run(id: String) async throws -> SyncRun?
    /// Moves a run to `state` (and stores `totals` when given) only from one of `from`; false when
    /// it was in none of them (someone else moved it first).
    func updateRun(_ id: String, from: [SyncRun.State], to state: SyncRun.State, totals: String?) async throws -> Bool
    /// Every partition of a run, by prefix.
    func partitions(run: String) async throws -> [RunPartition]
    /// Claims one partition of `run` in `state` whose lease is free or expired (taking it over),
    /// for `ttl`; nil when none is claimable now. Two claimers never get the same partition.
    /// With `only`, that partition or none (a worker claims first the partitions whose plan it
    /// still holds).
    func claimPartition(run: String, state: RunPartition.State, holder: LeaseHolder, ttl: Duration, only: String?)
        async throws -> PartitionLease?
    /// Extends the lease; false when it is no longer ours (taken over after it expired).
    func renewPartition(_ lease: PartitionLease, ttl: Duration) async throws -> Bool
    /// Moves our partition to `state` with `counts` and frees the lease; false when not ours any more.
    func finishPartition(_ lease: PartitionLease, state: RunPartition.State, counts: String) async throws -> Bool
    /// The commit gate: true only while the lease is ours, unexpired, and the run is approved or
    /// applying; it then counts one more batch, records `lastKey` and extends the lease. On
    /// Postgres and SQLite, called inside `withTransaction`, the check and the batch commit
    /// together and the lease row stays locked until the commit.
    func checkpoint(_ lease: PartitionLease, lastKey: String?, ttl: Duration) async throws -> Bool
}

extension SyncRunTable {
    /// Claims any claimable partition of `run` in `state` (see the requirement).
    public func claimPartition(run: String, state: RunPartition.State, holder: LeaseHolder, ttl: Duration) async throws
        -> PartitionLease?
    {
        try await claimPartition(run: run, state: state, holder: holder, ttl: ttl, only: nil)
    }
}
