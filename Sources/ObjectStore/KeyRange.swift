/// A slice of the key space in UTF-8 byte order: the keys `k` with `after < k ≤ through`.
/// `after == nil` starts at the beginning, `through == nil` runs to the end. Listing a range is
/// `start-after = after` plus a client-side stop at the first key above `through`, so two ranges
/// `(a, m]` and `(m, b]` cover `(a, b]` exactly, whatever the keys are: the split point only
/// decides the balance, never the coverage.
public struct KeyRange: Sendable, Hashable, CustomStringConvertible {
    /// Exclusive lower bound (`start-after`).
    public var after: String?
    /// Inclusive upper bound (the client-side stop).
    public var through: String?

    public init(after: String? = nil, through: String? = nil) {
        self.after = after
        self.through = through
    }

    /// The key lies in this range (byte order, never Unicode-aware comparison).
    public func contains(_ key: String) -> Bool {
        if let after, !KeyOrder.less(after, key) { return false }
        if let through, KeyOrder.less(through, key) { return false }
        return true
    }

    /// `(after, through]` for logs and test messages.
    public var description: String { "(\(after.map { "\"\($0)\"" } ?? "start"), \(through.map { "\"\($0)\"" } ?? "end")]" }
}

/// S3's key order: UTF-8 bytes, compared lexicographically (Swift's `<` on String compares
/// Unicode-canonically, which is NOT the server's order for NFD keys).
public enum KeyOrder {
    /// `a` sorts strictly before `b` byte for byte.
    @inlinable
    public static func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
