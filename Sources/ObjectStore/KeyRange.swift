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

/// Split points chosen from keys already seen, without knowing the bucket's distribution.
///
/// A key is read as a number: the bytes after the part two keys share (whole Unicode scalars, so
/// the shared part is valid UTF-8) are taken as eight digits in base 95, one per printable ASCII
/// character (bytes below `' '` count as `' '`, bytes above `'~'` as `'~'`). Points are made of
/// the shared part plus printable ASCII, so they are always valid keys for `start-after`; every
/// point is checked to lie strictly between the keys it splits, and when no such point exists
/// (keys differing only in non-ASCII bytes, or neighbours too close) there is no split and the
/// range is simply listed by one stream.
public enum KeySplit {
    static let digits = 8
    static let base: Int64 = 95
    static let top: Int64 = 6_634_204_312_890_625  // 95^8

    /// A key strictly between `low` and `high`, near the middle; nil when none can be made.
    public static func between(_ low: String, _ high: String) -> String? {
        guard KeyOrder.less(low, high) else { return nil }
        let shared = sharedPrefix(low, high)
        let a = value(low, skipping: shared.utf8.count), b = value(high, skipping: shared.utf8.count)
        guard b - a >= 2 else { return nil }
        return checked(shared + text(a + (b - a) / 2), above: low, below: high)
    }

    /// A key above `last`, about `pages` pages further on, guessing from the page that ran from
    /// `first` to `last` that keys keep the same density. Nil when the page gives no spread.
    public static func beyond(first: String, last: String, pages: Int) -> String? {
        guard KeyOrder.less(first, last), pages > 0 else { return nil }
        let shared = sharedPrefix(first, last)
        let a = value(first, skipping: shared.utf8.count), b = value(last, skipping: shared.utf8.count)
        let (step, overflow) = (b - a).multipliedReportingOverflow(by: Int64(pages))
        let target = overflow || b + step >= top ? top - 1 : b + step
        guard target > b else { return nil }
        return checked(shared + text(target), above: last, below: nil)
    }

    /// How many times the stretch `first…last` fits between `last` and `limit` (a rough page count
    /// for a range's remainder); nil when the keys give no measure.
    public static func remainingPages(first: String, last: String, limit: String) -> Double? {
        guard KeyOrder.less(first, last), KeyOrder.less(last, limit) else { return nil }
        let shared = sharedPrefix(first, limit)
        let a = value(first, skipping: shared.utf8.count), b = value(last, skipping: shared.utf8.count)
        let c = value(limit, skipping: shared.utf8.count)
        guard b > a else { return nil }
        return Double(c - b) / Double(b - a)
    }

    /// The longest common prefix in whole Unicode scalars (a byte prefix that is valid UTF-8).
    static func sharedPrefix(_ a: String, _ b: String) -> String {
        var out = String.UnicodeScalarView()
        for (x, y) in zip(a.unicodeScalars, b.unicodeScalars) {
            guard x == y else { break }
            out.append(x)
        }
        return String(out)
    }

    /// The first eight bytes after `skipping`, as base-95 digits (missing bytes count as 0).
    static func value(_ key: String, skipping: Int) -> Int64 {
        var v: Int64 = 0
        var taken = 0
        for byte in key.utf8.dropFirst(skipping).prefix(digits) {
            v = v * base + Int64(min(max(Int(byte), 0x20), 0x7E) - 0x20)
            taken += 1
        }
        for _ in taken..<digits { v *= base }
        return v
    }

    /// The digits as printable ASCII, without trailing spaces (digit 0 at the end adds nothing).
    static func text(_ value: Int64) -> String {
        var bytes = [UInt8](repeating: 0x20, count: digits)
        var v = value
        for i in stride(from: digits - 1, through: 0, by: -1) {
            bytes[i] = UInt8(0x20 + v % base)
            v /= base
        }
        while bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func checked(_ point: String, above low: String, below high: String?) -> String? {
        guard KeyOrder.less(low, point) else { return nil }
        if let high, !KeyOrder.less(point, high) { return nil }
        return point
    }
}
