import FoundationEssentials
import UserFacing
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The sync lock of a table as a lease row in `r2s_locks`, the same for every store that
/// reaches the table (direct Postgres, a transaction pooler, PostgREST), so they exclude each
/// other. See docs/catalog.md, "The sync lock".
///
/// - Acquire: insert the row (`name` is the primary key). If a row exists: take it over when it
///   has expired, or at once when its holder is a process on this host that no longer runs (both
///   said through `SyncLockOptions.notice`); otherwise refuse with the holder and its expiry.
/// - While the body runs, the lease is renewed every `ttl / 3`. If a renewal finds the row no
///   longer ours (taken over after we stalled longer than `ttl`), the body is cancelled and
///   `leaseLost` is thrown: two holders never both keep writing.
/// - Release: delete the row, matching our token.
///
/// Later leases (a range of keys for parallel sync, `watch`) use the same table and driver with
/// their own names (`sync:<table>:range:…`, `watch:<table>`).
public struct LeaseLock: Sendable {
    public let table: any LeaseTable
    /// The lease row's name, e.g. `sync:storage`.
    public let name: String
    /// Human name of the catalog, for messages.
    public let catalog: String
    public let ttl: Duration

    /// The default lease: 2 minutes, renewed every 40 s. A crashed holder on another host
    /// blocks syncs for at most this long; one on this host not at all (dead-pid takeover).
    public static let defaultTTL: Duration = .seconds(120)

    public init(table: any LeaseTable, name: String, catalog: String, ttl: Duration = LeaseLock.defaultTTL) {
        self.table = table
        self.name = name
        self.catalog = catalog
        self.ttl = ttl
    }

    /// Tokens of the leases this process holds right now. A row naming this process with a
    /// token not in here was left behind by a release that failed (the server was down): it is
    /// as dead as a crashed process's, and is taken over at once.
    static let heldHere = Mutex<Set<String>>([])

    /// Holds the lease while `body` runs (waiting up to `options.wait` for it).
    public func run<T: Sendable>(_ options: SyncLockOptions, _ body: @Sendable () async throws -> T) async throws -> T {
        let me = LeaseHolder.current()
        // Registered before the row exists, so another lock in this process never mistakes it
        // for a leftover between our insert and this line.
        Self.heldHere.withLock { _ = $0.insert(me.token) }
        defer { Self.heldHere.withLock { _ = $0.remove(me.token) } }
        try await options.retrying { try await acquire(me, notice: options.notice) }
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await whileRenewing(me, body))
        } catch {
            outcome = .failure(error)
        }
        // Released even when the body failed or was cancelled; a failed release only leaves a
        // row that expires by itself (or is taken over at once on this host once we exit).
        try? await table.releaseLease(name, holder: me)
        return try outcome.get()
    }

    /// One attempt to take the lease: true, or throws `locked` naming the holder.
    func acquire(_ me: LeaseHolder, notice: @Sendable (LocalizedText) -> Void) async throws {
        // A few rounds: between our failed insert and our read the holder may release or change.
        for _ in 0..<4 {
            if try await table.insertLease(name, holder: me, ttl: ttl) { return }
            guard let row = try await table.lease(name) else { continue }
            if row.expired {
                if try await table.takeOverLease(name, from: row, holder: me, ttl: ttl, onlyIfExpired: true) {
                    notice(.leaseTakenOverExpired(row))
                    return
                }
                continue
            }
            let leftHere = row.host == me.host && row.pid == getpid() && !Self.heldHere.withLock { $0.contains(row.token ?? "") }
            if leftHere || row.holderIsDeadHere(host: me.host) {
                if try await table.takeOverLease(name, from: row, holder: me, ttl: ttl, onlyIfExpired: false) {
                    notice(.leaseTakenOverDead(row, leftHere: leftHere))
                    return
                }
                continue
            }
            throw CatalogError.locked(catalog, lease: row)
        }
        throw CatalogError.locked(catalog, holder: nil)
    }

    /// Runs `body` with a renewal beside it; a lost lease cancels `body`.
    private func whileRenewing<T: Sendable>(_ me: LeaseHolder, _ body: @Sendable () async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await renewUntilLost(me)
                    return nil
                }
                defer { group.cancelAll() }
                while let next = try await group.next() {
                    if let value = next { return value }
                }
                throw CancellationError()
            }
        }
    }

    /// Renews every `ttl / 3` until cancelled; throws `leaseLost` when the row is no longer ours.
    /// A failed renewal (network) is retried at the next tick: the lease is still valid until
    /// it expires, and if someone takes it over meanwhile the next renewal notices.
    private func renewUntilLost(_ me: LeaseHolder) async throws {
        while true {
            try await Task.sleep(for: ttl / 3)
            let renewed: Bool
            do {
                renewed = try await table.renewLease(name, holder: me, ttl: ttl)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                continue
            }
            if !renewed { throw CatalogError.leaseLost(catalog) }
        }
    }
}

extension LocalizedText {
    static func leaseTakenOverExpired(_ row: LeaseRow) -> LocalizedText {
        let when = row.expiresAt.map(CatalogTimestamp.format) ?? "?"
        return LocalizedText(
            en: "took over the sync lock of \(row.holder): it expired at \(when) without being renewed (a crashed or stopped sync)",
            ptBR: "assumiu a trava de sincronização de \(row.holder): ela expirou em \(when) sem renovação (um sync que caiu ou parou)")
    }

    static func leaseTakenOverDead(_ row: LeaseRow, leftHere: Bool) -> LocalizedText {
        if leftHere {
            return LocalizedText(
                en: "took over the sync lock \(row.holder) left behind by this process (releasing it had failed)",
                ptBR: "assumiu a trava de sincronização \(row.holder) deixada por este processo (a liberação havia falhado)")
        }
        return leaseTakenOverDead(row)
    }

    static func leaseTakenOverDead(_ row: LeaseRow) -> LocalizedText {
        LocalizedText(
            en: "took over the sync lock of \(row.holder): that process is no longer running on this host",
            ptBR: "assumiu a trava de sincronização de \(row.holder): esse processo não está mais em execução neste host")
    }
}
