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

    /// The longest prefix every key of the range has: the bounds' common prefix, when the range
    /// has both (`a < k ≤ t` and `a`, `t` both starting with `p` imply `k` starts with `p`), or
    /// `floor` when that is longer or the range is open. Listing the range under it makes the
    /// server stop at the prefix's end instead of sending a page of keys past the bound.
    public func listingPrefix(floor: String) -> String {
        guard let after, let through else { return floor }
        var common = Array(zip(after.utf8, through.utf8).prefix { $0 == $1 }.map(\.0))
        guard common.count > floor.utf8.count, common.starts(with: floor.utf8) else { return floor }
        // A cut inside a multi-byte character: back to the character's start (still a prefix).
        while common.count > floor.utf8.count {
            if let prefix = String(validating: common, as: UTF8.self) { return prefix }
            common.removeLast()
        }
        return floor
    }

    /// `(after, through]` for logs and test messages.
    public var description: String { "(\(after.map { "\"\($0)\"" } ?? "start"), \(through.map { "\"\($0)\"" } ?? "end")]" }
}

/// S3's key order: UTF-8 bytes, compared lexicographically (Swift's `<` on String compares
/// Unicode-canonically, which is NOT the server's order for NFD keys).
///
/// Why not `a.utf8.lexicographicallyPrecedes(b.utf8)`: that walks both views through the generic
/// iterator, a byte at a time with index checks; in the profile of a 100k no-op sync it and
/// `elementsEqual` on `utf8` were the two biggest symbols (17 % of r2s's CPU: the listing and
/// catalog sorts and the classifier's merge). These compare the contiguous UTF-8 buffers.
public enum KeyOrder {
    /// `a` sorts strictly before `b` byte for byte.
    @inlinable
    public static func less(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    /// `a` and `b` are the same bytes (`==` on String is canonical equivalence: NFC == NFD).
    @inlinable
    public static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && compare(a, b) == 0
    }

    /// Negative, zero or positive as `a` sorts before, with or after `b` byte for byte.
    @inlinable
    public static func compare(_ a: String, _ b: String) -> Int {
        // Native and small strings lend their UTF-8 in place: no copy of either string (a copy is
        // a retain and a release per comparison, most of a 100k-entry sort's cost).
        let direct = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in compare(x, y) }
        }
        if let direct, let result = direct { return result }
        var a = a, b = b  // withUTF8 may make a bridged string native: it needs its own copy
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) } }
    }

    /// `compare` on two UTF-8 buffers: eight bytes at a time while they agree (keys share long
    /// folder prefixes), then byte by byte.
    @inlinable
    public static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(x.count, y.count)
        var i = 0
        if let p = x.baseAddress, let q = y.baseAddress {
            let (rp, rq) = (UnsafeRawPointer(p), UnsafeRawPointer(q))
            while i + 8 <= n, rp.loadUnaligned(fromByteOffset: i, as: UInt64.self) == rq.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                i += 8
            }
        }
        while i < n {
            let (p, q) = (x[i], y[i])
            if p != q { return Int(p) - Int(q) }
            i += 1
        }
        return x.count - y.count
    }
}
