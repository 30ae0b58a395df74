import CivilDate
import FoundationEssentials

/// Parses the two date formats S3 sends, without Foundation's formatters (not in
/// FoundationEssentials' cheap subset): ISO 8601 in XML (`2009-10-12T17:50:30.000Z`) and
/// IMF-fixdate in headers (`Wed, 12 Oct 2009 17:50:30 GMT`).
enum S3Dates {
    /// `YYYY-MM-DDTHH:MM:SS[.fff]Z`; `nil` when malformed.
    static func parseISO8601(_ text: String) -> Date? {
        // Listings carry one date per object: read the bytes in place (no copy to an Array).
        var text = text
        return text.withUTF8 { parseISO8601(bytes: $0) }
    }

    private static func parseISO8601(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b.last == UInt8(ascii: "Z"),
            let y = number(b, 0, 4), let mo = number(b, 5, 2), let d = number(b, 8, 2),
            let h = number(b, 11, 2), let mi = number(b, 14, 2), let s = number(b, 17, 2)
        else { return nil }
        var fraction = 0.0
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count > 21 else { return nil }
            var scale = 0.1
            for c in b[20..<(b.count - 1)] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                fraction += Double(c - UInt8(ascii: "0")) * scale
                scale /= 10
            }
        }
        return date(y, mo, d, h, mi, s, fraction)
    }

    /// `Wed, 12 Oct 2009 17:50:30 GMT`; `nil` when malformed.
    static func parseHTTPDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let d = Int(parts[1]), let y = Int(parts[3]),
            let mo = months.firstIndex(of: String(parts[2])).map({ $0 + 1 })
        else { return nil }
        let hms = parts[4].split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let mi = Int(hms[1]), let s = Int(hms[2]) else { return nil }
        return date(y, mo, d, h, mi, s, 0)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var n = 0
        for c in b[start..<(start + count)] {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(c - UInt8(ascii: "0"))
        }
        return n
    }

    private static func date(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, _ fraction: Double) -> Date? {
        guard (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s <= 60 else { return nil }
        let seconds = Double(daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        Int(CivilDate.days(year: Int64(year), month: Int64(month), day: Int64(day)))
    }
}
