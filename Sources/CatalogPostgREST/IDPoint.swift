import FoundationEssentials

/// A uuid as an unsigned 128-bit number: its 16 bytes read big-endian, which is the order
/// PostgreSQL sorts `uuid` values in (and r2s's lowercase-text uuids in SQLite). The range reader
/// uses it to cut the id space into ranges of roughly one page each.
struct IDPoint: Comparable, Hashable, Sendable {
    var hi: UInt64
    var lo: UInt64

    static let zero = IDPoint(hi: 0, lo: 0)
    static let max = IDPoint(hi: .max, lo: .max)

    init(hi: UInt64, lo: UInt64) {
        self.hi = hi
        self.lo = lo
    }

    init(_ id: UUID) {
        let b = id.uuid
        hi = [b.0, b.1, b.2, b.3, b.4, b.5, b.6, b.7].reduce(0) { $0 << 8 | UInt64($1) }
        lo = [b.8, b.9, b.10, b.11, b.12, b.13, b.14, b.15].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Approximately `value` (clamped to 0…max): widths only need to be about right.
    init(approximately value: Double) {
        guard value >= 1 else {
            self = .zero
            return
        }
        guard value < 0x1p128 else {
            self = .max
            return
        }
        let high = (value / 0x1p64).rounded(.down)
        hi = UInt64(high)
        lo = UInt64(Swift.min(value - high * 0x1p64, 0x1p64 - 2048))
    }

    var approximateValue: Double { Double(hi) * 0x1p64 + Double(lo) }

    /// The lowercase 8-4-4-4-12 text PostgreSQL prints.
    var uuidString: String {
        let hex = String(hi, radix: 16).leftPadded(16) + String(lo, radix: 16).leftPadded(16)
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }

    /// `self + other`, or `nil` past the largest uuid.
    func adding(_ other: IDPoint) -> IDPoint? {
        let (lo, carry) = lo.addingReportingOverflow(other.lo)
        let (hi1, o1) = hi.addingReportingOverflow(other.hi)
        let (hi2, o2) = hi1.addingReportingOverflow(carry ? 1 : 0)
        return o1 || o2 ? nil : IDPoint(hi: hi2, lo: lo)
    }

    /// `self - other` for `other <= self`.
    func subtracting(_ other: IDPoint) -> IDPoint {
        let (lo, borrow) = lo.subtractingReportingOverflow(other.lo)
        return IDPoint(hi: hi &- other.hi &- (borrow ? 1 : 0), lo: lo)
    }

    static func < (a: IDPoint, b: IDPoint) -> Bool { a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
