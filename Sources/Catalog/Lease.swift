public import FoundationEssentials
import UserFacing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who holds (or asks for) a lease in `r2s_locks`: enough to name the holder to a person and
/// to decide, on the holder's own host, whether its process is still alive.
public struct LeaseHolder: Sendable, Hashable {
    /// `gethostname()` of the holder.
    public var host: String
    /// The holder's process id on `host`.
    public var pid: Int32
    /// Random per acquisition: renewals, releases and takeovers match on it, so a process can
    /// never renew or delete a lease that someone else has taken over meanwhile.
    public var token: String
    /// `r2s 1.4.0`: the program, for the message another holder sees.
    public var program: String

    public init(host: String, pid: Int32, token: String = UUID().uuidString.lowercased(), program: String? = nil) {
        self.host = host
        self.pid = pid
        self.token = token
        self.program = program ?? "r2s \(R2SVersion.current)"
    }

    /// This process, with a fresh token.
    public static func current() -> LeaseHolder { LeaseHolder(host: hostName(), pid: getpid()) }

    /// The `holder` column: what a person reads (`r2s 1.4.0 pid 4242 on cron-1`).
    public var description: String { "\(program) pid \(pid) on \(host)" }

    /// This machine's host name (`?` when unavailable).
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A lease row as read back from `r2s_locks`. Rows written by older r2s versions (or by hand)
/// may lack the structured fields: they are then never taken over for a dead pid, only on expiry.
public struct LeaseRow: Sendable, Hashable {
    /// The `holder` column (free text).
    public var holder: String
    public var host: String?
    public var pid: Int32?
    public var token: String?
    public var expiresAt: Date?
    /// Whether the row had expired by the clock of the store that read it (the server's `now()`
    /// on Postgres; this machine's on PostgREST, which cannot ask the server).
    public var expired: Bool

    public init(holder: String, host: String?, pid: Int32?, token: String?, expiresAt: Date?, expired: Bool) {
        self.holder = holder
        self.host = host
        self.pid = pid
        self.token = token
        self.expiresAt = expiresAt
        self.expired = expired
    }

    /// True when the row's holder is a process on this host that no longer exists.
    public func holderIsDeadHere(host localHost: String) -> Bool {
        guard let host, host == localHost, let pid, pid > 0, pid != getpid() else { return false }
        // kill(pid, 0) probes without signalling: ESRCH means no such process. EPERM means it
        // exists under another user, which counts as alive.
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}

/// The five row operations a store offers for leases in `r2s_locks`; `LeaseLock` builds the
/// protocol (acquire, take over, renew, release, wait) on them, identically for every store.
///
/// Every operation is one short statement or request — never a transaction held open — so it
/// works through a transaction-mode pooler and over PostgREST alike.
public protocol LeaseTable: Sendable {
    /// Inserts the lease row `name` for `holder`, valid for `ttl`; false when a row with that
    /// name exists already (someone holds it, or held it and did not release it).
    func insertLease(_ name: String, holder: LeaseHolder, ttl: Duration) async throws -> Bool
    /// The current row `name`, or nil.
    func lease(_ name: String) async throws -> LeaseRow?
    /// Replaces `previous` by a lease for `holder`, only if the row still carries `previous`'s
    /// token (and, with `onlyIfExpired`, has expired by the store's clock). True when replaced.
    func takeOverLease(_ name: String, from previous: LeaseRow, holder: LeaseHolder, ttl: Duration, onlyIfExpired: Bool)
        async throws -> Bool
    /// Extends `holder`'s lease to `ttl` from now; false when the row is no longer its own.
    func renewLease(_ name: String, holder: LeaseHolder, ttl: Duration) async throws -> Bool
    /// Deletes `holder`'s lease (no-op when it is no longer its own).
    func releaseLease(_ name: String, holder: LeaseHolder) async throws
}
