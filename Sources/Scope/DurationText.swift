/// The one duration grammar of r2s: `--min-age`, `--every`, `--wait`, `--visibility`,
/// `--reconcile-every` and the ages of filters (`--newer-than 7d`) all read durations here.
///
/// A duration is one or more `NUMBER UNIT` terms, summed: units `s`, `m` (minutes), `h`, `d`,
/// `w` (weeks); a number may have a fraction (`1.5d`, `.5h`). `90s`, `10m`, `1h30m`, `2d`, `1w`.
/// A bare number is seconds where the flag allows it (`--min-age 90`, as sync always took it);
/// a filter age refuses it, since `--newer-than 7` reads as seven days to most people.
public enum DurationText {
    /// Whether a number without a unit is accepted (as seconds).
    public enum BareNumber: Sendable {
        case seconds
        case rejected
    }

    /// The longest duration accepted: about 31 million years, far inside `Duration`'s range, so
    /// no input can overflow it.
    static let maxSeconds = 1e15

    /// Parses a duration into seconds; `nil` when malformed, empty, negative or too long.
    public static func seconds(_ text: String, bareNumber: BareNumber = .seconds) -> Double? {
        guard !text.isEmpty else { return nil }
        if bareNumber == .seconds, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return Double(text).flatMap { $0 <= maxSeconds ? $0 : nil }
        }
        guard text.first?.isASCII == true, text.first?.isNumber == true || text.first == "." else { return nil }
        var total = 0.0
        var number = ""
        for ch in text {
            if ch.isASCII && (ch.isNumber || ch == ".") {
                number.append(ch)
                continue
            }
            guard let value = Double(number), let unit = unitSeconds[ch] else { return nil }
            total += value * unit
            guard total <= maxSeconds else { return nil }
            number = ""
        }
        return number.isEmpty ? total : nil
    }

    /// `seconds(_:)` as a `Duration` (the sync and watch flags).
    public static func parse(_ text: String) -> Duration? {
        seconds(text).map { Duration.seconds($0) }
    }

    /// Formats a duration back in the same units, whole seconds (`600s` → `10m`).
    public static func format(_ d: Duration) -> String {
        var s = d.components.seconds
        if s == 0 { return "0s" }
        var out = ""
        for (unit, name) in [(Int64(86_400), "d"), (3600, "h"), (60, "m"), (1, "s")] where s >= unit {
            out += String(s / unit) + name
            s %= unit
        }
        return out
    }

    private static let unitSeconds: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
}
