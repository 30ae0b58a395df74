public import FoundationEssentials

/// Whether an object came back after its row was soft-deleted — the one rule `sync` (restore or
/// leave out) and `ls` (`soft-deleted` or `kept out`) share.
///
/// `rm ID --keep-object` soft-deletes a row on purpose while its object stays; sync must not undo
/// that. Only an object (re)uploaded **after** the deletion brings the row back. The two times
/// come from different clocks: the object's `LastModified` from the S3 server (whole seconds,
/// truncated) and `deleted_at` from the database. Within `tolerance` of each other the order is
/// unknowable, so that case is reported and never acted on.
public enum DeletionOrder: Sendable, Hashable {
    /// The object was modified after the deletion (beyond the tolerance): it reappeared.
    case objectNewer
    /// The object is older than the deletion: the row was removed on purpose.
    case objectOlder
    /// Too close to tell (or the object has no modification time).
    case tooClose

    /// How far apart the two clocks' times must be to be ordered: S3 truncates to whole seconds
    /// (up to 1 s) and the S3 server's and the database's clocks may differ by a few more.
    public static let tolerance: Duration = .seconds(5)

    /// Compares an object's `LastModified` with its row's `deleted_at`.
    public init(objectModified: Date?, deletedAt: Date, tolerance: Duration = DeletionOrder.tolerance) {
        guard let modified = objectModified else {
            self = .tooClose
            return
        }
        let slack = Double(tolerance.components.seconds) + Double(tolerance.components.attoseconds) / 1e18
        let gap = modified.timeIntervalSince(deletedAt)
        if gap > slack {
            self = .objectNewer
        } else if gap < -slack {
            self = .objectOlder
        } else {
            self = .tooClose
        }
    }
}
