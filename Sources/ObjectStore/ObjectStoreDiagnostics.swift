public import FoundationEssentials

/// What a bucket behind a server can tell `doctor` beyond the `ObjectStore` calls: the server's
/// clock and what a failed call means. A store adopts it when it talks to a server (S3/R2); a
/// store without one (the local folder) does not, and `doctor` then skips the clock and reports
/// one "bucket" finding instead of the credentials / permission / existence split.
public protocol ObjectStoreDiagnostics: Sendable {
    /// The server's clock (its `Date` response header), or `nil` when it sends none.
    func serverDate() async throws -> Date?
    /// What `error`, thrown by this store, says about the set-up.
    func failureKind(of error: any Error) -> StoreFailureKind
}

/// Why a call to a server store failed, as far as the set-up is concerned.
public enum StoreFailureKind: Sendable, Hashable {
    /// The server refused the credentials (unknown key id, wrong secret).
    case credentials
    /// The credentials are good but lack the permission asked for.
    case permission
    /// The bucket does not exist.
    case missingBucket
    /// The server refused the request because this machine's clock is off.
    case clockSkew
    /// Anything else: connection, TLS, a server error.
    case unreachable
}

extension ObjectStore {
    /// Stores without a server (the local folder, test doubles) have no diagnostics.
    public var diagnostics: (any ObjectStoreDiagnostics)? { nil }
}
