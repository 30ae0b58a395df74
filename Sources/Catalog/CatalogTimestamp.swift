import CivilDate
public import FoundationEssentials

/// Timestamps as r2s writes and reads them, without `DateFormatter` (start-up time) and
/// tolerant of what servers send: `2023-10-18T12:37:59.611+00:00` (PostgREST),
/// `2023-10-18 12:37:59.611234+00` (Postgres text), `2023-10-18T12:37:59.611Z` (SQLite).
public enum CatalogTimestamp {
    /// Seconds between 1970-01-01 and 2000-01-01 (PostgreSQL's epoch for binary timestamps).
    static let postgresEpoch: Int64 = 946_684_800

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC (microseconds; sorts as text).
    public static func format(_ date: Date) -> String {
        let totalMicros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = totalMicros / 1_000_000
        var micros = totalMicros % 1_000_000
        if micros < 0 {
            micros += 1_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var rem = seconds % 86_400
        if rem < 0 {
            rem += 86_400
            days -= 1
        }
        let (y, m, d) = civil(fromDays: days)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):\(pad(rem % 60, 2)).\(pad(micros, 6))Z"
    }

    /// Parses ISO-8601-like timestamps with optional fraction and offset (`Z`, `+00`, `+05:30`,
    /// `-0300`); no offset means UTC. Returns `nil` for anything else.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ width: Int) -> Int64? {
            guard i + width <= b.count else { return nil }
            var v: Int64 = 0
            for k in i..<(i + width) {
                let c = b[k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            i += width
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect(UInt8(ascii: "-")), let mo = number(2), expect(UInt8(ascii: "-")),
            let d = number(2), i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ")
        else { return nil }
        i += 1
        guard let h = number(2), expect(UInt8(ascii: ":")), let mi = number(2), expect(UInt8(ascii: ":")),
            let s = number(2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var micros: Int64 = 0
        if expect(UInt8(ascii: ".")) {
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset: Int64 = 0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                var om: Int64 = 0
                _ = expect(UInt8(ascii: ":"))
                if i < b.count { guard let m = number(2) else { return nil }; om = m }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == b.count else { return nil }
        let seconds = days(fromCivil: y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    /// A PostgreSQL binary timestamp (µs since 2000-01-01 UTC) as a `Date`.
    public static func fromPostgresMicros(_ micros: Int64) -> Date {
        let seconds = micros / 1_000_000 + postgresEpoch
        let frac = micros % 1_000_000
        return Date(timeIntervalSince1970: Double(seconds) + Double(frac) / 1_000_000)
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
    static func days(fromCivil y: Int64, _ m: Int64, _ d: Int64) -> Int64 { CivilDate.days(year: y, month: m, day: d) }

    static func civil(fromDays z: Int64) -> (Int64, Int64, Int64) { CivilDate.civil(days: z) }
}
