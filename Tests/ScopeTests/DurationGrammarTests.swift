import Foundation
import Scope
import Testing

/// The one duration grammar (`DurationText`): sync's flags (`--min-age`, `--every`, `--wait`,
/// `--visibility`, `--reconcile-every`) and filter ages (`--newer-than`) read the same spellings.
@Suite struct DurationGrammarTests {
    /// Every spelling either parser accepted before they became one, with its seconds.
    static let spellings: [(String, Double)] = [
        ("0s", 0), ("90s", 90), ("10m", 600), ("30m", 1800), ("12h", 43_200), ("1h30m", 5400), ("2d", 172_800),
        ("7d", 604_800), ("1w", 604_800), ("2w", 1_209_600), ("1.5d", 129_600), ("1.5h", 5400), (".5h", 1800),
        ("1d12h", 129_600), ("2m30s", 150),
    ]

    @Test("sync flags and filter ages read the same spellings to the same seconds", arguments: spellings)
    func oneGrammar(_ text: String, _ seconds: Double) throws {
        #expect(DurationText.seconds(text) == seconds)
        #expect(DurationText.parse(text) == .seconds(seconds))
        #expect(try TimeBound(parsing: text) == .age(seconds: seconds, text: text))
    }

    @Test("a bare number is seconds for the sync flags, and refused as a filter age")
    func bareNumber() {
        #expect(DurationText.parse("90") == .seconds(90))
        #expect(DurationText.parse("0") == .zero)
        #expect(DurationText.seconds("7", bareNumber: .rejected) == nil)
        #expect(throws: ScopeError(.invalidAge("7"))) { try TimeBound(parsing: "7") }
    }

    @Test("malformed, negative and overlong durations are refused by both", arguments: [
        "", "m", "10x", "5m3", "-5m", "7d3", "1..5h", ".", "h1", "1 h", "99999999999999999999w", "1e5s", "٣d",
    ])
    func refused(_ text: String) {
        #expect(DurationText.parse(text) == nil)
        #expect(DurationText.seconds(text, bareNumber: .rejected) == nil)
        #expect(throws: ScopeError.self) { try TimeBound(parsing: text) }
    }

    @Test("durations format back in whole units")
    func format() {
        #expect(DurationText.format(.seconds(600)) == "10m")
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.seconds(90_000)) == "1d1h")
        #expect(DurationText.format(.seconds(0)) == "0s")
    }
}
