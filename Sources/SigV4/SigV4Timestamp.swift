import CivilDate
public import FoundationEssentials

/// The two renderings of the signing time SigV4 uses, both in UTC:
/// `amzDate` = `20130524T000000Z` (x-amz-date) and `dateStamp` = `20130524` (credential scope).
public struct SigV4Timestamp: Sendable, Hashable {
    public let amzDate: String
    public let dateStamp: String

    /// Renders `date` (whole seconds, UTC).
    public init(_ date: Date) {
        self.init(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Renders seconds since 1970-01-01T00:00:00Z.
    public init(epochSeconds: Int64) {
        let days = epochSeconds >= 0 ? epochSeconds / 86400 : (epochSeconds - 86399) / 86400
        let secondOfDay = Int(epochSeconds - days * 86400)
        let (y, m, d) = Self.civil(fromDays: days)
        let date = Self.pad(y, 4) + Self.pad(m, 2) + Self.pad(d, 2)
        dateStamp = date
        amzDate = date + "T" + Self.pad(secondOfDay / 3600, 2) + Self.pad(secondOfDay / 60 % 60, 2)
            + Self.pad(secondOfDay % 60, 2) + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Proleptic Gregorian (year, month, day) for a day count since 1970-01-01 (H. Hinnant's
    /// civil_from_days). Written out because Foundation's Calendar is not in FoundationEssentials'
    /// cheap subset and this is all SigV4 needs.
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let (y, m, d) = CivilDate.civil(days: days)
        return (Int(y), Int(m), Int(d))
    }
}
