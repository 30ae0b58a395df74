import CivilDate
public import FoundationEssentials

/// A strict ISO 8601 reader for the dates filters accept, and a UTC printer.
///
/// Written out rather than using a format style so the accepted forms are exactly the documented
/// ones and no locale or calendar setting can change them.
public enum ISODate {
    /// `YYYY-MM-DD[THH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]]`; no zone = UTC. A space may replace `T`.
    public static func parse(_ s: String) -> Date? {
        let b = Array(s.utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var v = 0
            for k in i..<(i + count) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            i += count
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86400
        if i == b.count { return Date(timeIntervalSince1970: seconds) }
        guard expect("T") || expect(" "), let hour = number(2), expect(":"), let minute = number(2), hour < 24,
            minute < 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if expect(":") {
            guard let second = number(2), second < 60 else { return nil }
            seconds += Double(second)
            if expect(".") || expect(",") {
                var fraction = 0.0
                var scale = 0.1
                let start = i
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    fraction += Double(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
                seconds += fraction
            }
        }
        if i == b.count || expect("Z") || expect("z") {
            return i == b.count ? Date(timeIntervalSince1970: seconds) : nil
        }
        let sign: Double
        if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
        guard let oh = number(2), oh < 24 else { return nil }
        _ = expect(":")
        guard let om = number(2), om < 60, i == b.count else { return nil }
        return Date(timeIntervalSince1970: seconds - sign * Double(oh * 3600 + om * 60))
    }

    /// `2026-01-31T10:00:00Z` (whole seconds, UTC).
    public static func format(_ date: Date) -> String {
        let t = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let rest = t - days * 86400
        let (y, m, d) = civilFromDays(days)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    // Howard Hinnant's days-from-civil algorithm (proleptic Gregorian, day 0 = 1970-01-01).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        CivilDate.days(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    static func civilFromDays(_ z: Int64) -> (Int64, Int64, Int64) { CivilDate.civil(days: z) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
