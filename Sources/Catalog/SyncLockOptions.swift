public import UserFacing

/// How `CatalogStore.withSyncLock` behaves when the lock is taken.
public struct SyncLockOptions: Sendable {
    /// How long to wait for the holder to finish (`sync --wait`); zero refuses at once.
    public var wait: Duration
    /// Notes for the operator: a lock taken over from a dead or expired holder, or "waiting for…".
    public var notice: @Sendable (LocalizedText) -> Void

    public init(wait: Duration = .zero, notice: @escaping @Sendable (LocalizedText) -> Void = { _ in }) {
        self.wait = wait
        self.notice = notice
    }

    /// Runs `attempt` until it stops throwing `CatalogError.locked` or `wait` has passed,
    /// announcing the wait once. `attempt` must only acquire (never run the caller's work), so
    /// a retry repeats nothing.
    public func retrying<T: Sendable>(_ attempt: () async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        var pause: Duration = .milliseconds(250)
        var announced = false
        while true {
            do {
                return try await attempt()
            } catch let error as CatalogError where error.code == .locked && clock.now < deadline {
                if !announced {
                    announced = true
                    notice(.syncLockWaiting(error.message, wait: wait))
                }
                try await Task.sleep(for: min(pause, deadline - clock.now))
                pause = min(pause * 2, .seconds(5))
            }
        }
    }
}

extension LocalizedText {
    /// "waiting up to 10m for the sync lock: …"
    static func syncLockWaiting(_ why: LocalizedText, wait: Duration) -> LocalizedText {
        let s = wait.components.seconds
        let d = s >= 3600 && s % 3600 == 0 ? "\(s / 3600)h" : s >= 60 && s % 60 == 0 ? "\(s / 60)m" : "\(s)s"
        return LocalizedText(
            en: "waiting up to \(d) for the sync lock: \(why.en)", ptBR: "aguardando até \(d) pela trava de sincronização: \(why.resolve(.ptBR))")
    }
}
