public import FoundationEssentials
import UserFacing

/// A point in time for `--newer-than`/`--older-than`: an age relative to "now" (`7d`) or a date.
///
/// Ages are kept relative, so a saved filter `--newer-than 7d` always means the last seven days
/// when it is used, never the seven days before it was saved. Ages use the one duration grammar
/// (`DurationText`: `s`, `m` minutes, `h`, `d`, `w`; combined `1h30m`; fractions `1.5d`). Dates are ISO 8601:
/// `2026-01-31` (midnight UTC), `2026-01-31T10:00:00Z`, `2026-01-31T10:00:00-03:00`,
/// `2026-01-31T10:00Z`, with an optional fraction of a second; no zone means UTC.
public enum TimeBound: Sendable, Hashable, Codable, CustomStringConvertible {
    /// So many seconds before the scope's reference time.
    case age(seconds: Double, text: String)
    /// A fixed instant.
    case date(Date, text: String)

    /// Parses an age or an ISO date.
    public init(parsing text: String) throws(ScopeError) {
        let t = text.trimmingASCIISpaces()
        if let seconds = Self.parseAge(t) {
            self = .age(seconds: seconds, text: t)
        } else if let date = ISODate.parse(t) {
            self = .date(date, text: t)
        } else {
            throw ScopeError(.invalidAge(text))
        }
    }

    /// The instant this bound stands for, given "now".
    public func instant(now: Date) -> Date {
        switch self {
        case .age(let seconds, _): now.addingTimeInterval(-seconds)
        case .date(let date, _): date
        }
    }

    /// What the user typed.
    public var description: String {
        switch self {
        case .age(_, let text), .date(_, let text): text
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try TimeBound(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.userMessage))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// `30m`, `12h`, `7d`, `2w`, `1h30m`, `1.5d`, `90s` → seconds: the shared duration grammar,
    /// without the bare number (`7` alone is refused: seven what?).
    static func parseAge(_ s: String) -> Double? {
        DurationText.seconds(s, bareNumber: .rejected)
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
