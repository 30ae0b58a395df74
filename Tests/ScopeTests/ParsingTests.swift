import Foundation
import Scope
import Testing

@Suite struct ParsingTests {
    @Test("sizes: bare bytes, binary letters and IEC units, decimal SI units, fractions", arguments: [
        ("0", Int64(0)),
        ("500", 500),
        ("500B", 500),
        ("10k", 10_240),
        ("10K", 10_240),
        ("10KiB", 10_240),
        ("10kB", 10_000),
        ("10KB", 10_000),
        ("5MiB", 5_242_880),
        ("5M", 5_242_880),
        ("5MB", 5_000_000),
        ("1G", 1_073_741_824),
        ("1GiB", 1_073_741_824),
        ("1.5GB", 1_500_000_000),
        ("1.5G", 1_610_612_736),
        ("0.5k", 512),
        (".5k", 512),
        ("1.1MB", 1_100_000),
        ("2T", 2_199_023_255_552),
        ("1 MiB", 1_048_576),
        ("1_000", 1000),
    ])
    func sizes(text: String, bytes: Int64) throws {
        #expect(try ByteSize.parse(text) == bytes)
    }

    @Test("bad sizes", arguments: ["", "k", "-5", "1.5.5", "10q", "10KiBB", "1e3", "5.", "1iB", "99999999999P"])
    func badSizes(text: String) {
        #expect(throws: ScopeError(.invalidSize(text))) { try ByteSize.parse(text) }
    }

    @Test("size formatting")
    func formatting() {
        #expect(ByteSize.format(0) == "0 B")
        #expect(ByteSize.format(1023) == "1023 B")
        #expect(ByteSize.format(1536) == "1.5 KiB")
        #expect(ByteSize.format(5 << 20) == "5 MiB")
    }

    @Test("ages are relative and keep what was typed", arguments: [
        ("30m", 1800.0), ("12h", 43200), ("7d", 604_800), ("2w", 1_209_600), ("90s", 90), ("1h30m", 5400), ("1.5d", 129_600),
    ])
    func ages(text: String, seconds: Double) throws {
        let bound = try TimeBound(parsing: text)
        #expect(bound == .age(seconds: seconds, text: text))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(bound.instant(now: now) == now.addingTimeInterval(-seconds))
    }

    @Test("ISO dates: day (midnight UTC), time with Z, offsets, fractions", arguments: [
        ("2026-01-31", "2026-01-31T00:00:00Z"),
        ("2026-01-31T10:00:00Z", "2026-01-31T10:00:00Z"),
        ("2026-01-31T10:00Z", "2026-01-31T10:00:00Z"),
        ("2026-01-31 10:00:00", "2026-01-31T10:00:00Z"),
        ("2026-01-31T10:00:00-03:00", "2026-01-31T13:00:00Z"),
        ("2026-01-31T10:00:00+0530", "2026-01-31T04:30:00Z"),
        ("2026-01-31T10:00:00.750Z", "2026-01-31T10:00:00Z"),
        ("2024-02-29", "2024-02-29T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("2000-03-01", "2000-03-01T00:00:00Z"),
    ])
    func dates(text: String, utc: String) throws {
        guard case .date(let date, let typed) = try TimeBound(parsing: text) else {
            Issue.record("not a date")
            return
        }
        #expect(typed == text)
        #expect(ISODate.format(date) == utc)
        // Cross-check with Foundation's own ISO parser for the Z forms.
        if text.hasSuffix("Z") && !text.contains(".") && text.count == 20 {
            #expect(date == ISO8601DateFormatter().date(from: text))
        }
    }

    @Test("bad ages and dates", arguments: [
        "", "7", "d", "7x", "7d3", "2026-13-01", "2026-02-30", "2023-02-29", "2026-1-31", "2026-01-31T25:00",
        "2026-01-31T10:00:00Q", "2026-01-31T10:00:00+25:00", "yesterday", "-7d",
    ])
    func badAges(text: String) {
        #expect(throws: ScopeError(.invalidAge(text))) { try TimeBound(parsing: text) }
    }

    @Test("types: families, exact, extensions; normalised")
    func types() throws {
        #expect(try FilterRules.normalizeType("pdf") == "application/pdf")
        #expect(try FilterRules.normalizeType(".JPG") == "image/jpeg")
        #expect(try FilterRules.normalizeType("IMAGE/*") == "image/*")
        #expect(try FilterRules.normalizeType("text/html; charset=utf-8") == "text/html")
        for bad in ["image", "nope", "image/", "/*", ""] {
            #expect(throws: ScopeError(.invalidType(bad))) { try FilterRules.normalizeType(bad) }
        }
    }

    @Test("prefixes are folders")
    func prefixes() {
        #expect(FilterRules.normalizePrefix("fichas") == "fichas/")
        #expect(FilterRules.normalizePrefix("fichas/") == "fichas/")
        #expect(FilterRules.normalizePrefix("/fichas") == "fichas/")
        #expect(FilterRules.normalizePrefix("/") == "")
        #expect(FilterRules.normalizePrefix("") == "")
        #expect(FilterRules.normalizePrefix("a/b") == "a/b/")
        #expect(FilterRules.normalizePrefix("ac\u{327}a\u{303}o").utf8.elementsEqual("ação/".utf8))
    }
}
