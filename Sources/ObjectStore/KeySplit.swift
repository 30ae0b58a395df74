/// Split points chosen from keys already seen, without knowing the bucket's distribution.
///
/// A key is read as a number: the bytes after the part the keys share (whole Unicode scalars, so
/// the shared part is valid UTF-8) are taken as eight digits, one per byte, each in the smallest
/// alphabet that holds that byte of every key involved: `0-9`, `a-z`, `A-Z`, digits with letters
/// of one case, or `0`…`~` (bytes below `0` count as `0`, above `~` as `~`; see `Alphabet` for why
/// no point holds a byte below `0`).
/// The alphabet matters: keys are mostly counters, dates, hex ids and words, and reading
/// `000999` → `001000` as base-95 digits puts 85 empty values between two neighbours, so
/// extrapolations and midpoints land far from where the keys are (the parallel listing then cut
/// ranges a page apart instead of many pages apart, issue 17).
///
/// Points are made of the shared part plus ASCII `0`…`~`, so they are always valid keys for
/// `start-after`; every point is checked to lie strictly between the keys it splits, and when no
/// such point exists (keys differing only in non-ASCII bytes, or neighbours too close) there is
/// no split and the range is simply listed by one stream. The estimate only decides balance,
/// never coverage (`KeyRange`).
public enum KeySplit {
    static let digits = 8

    /// A key strictly between `low` and `high`, near the middle; nil when none can be made.
    public static func between(_ low: String, _ high: String) -> String? {
        guard KeyOrder.less(low, high) else { return nil }
        let shared = sharedPrefix(low, high)
        let radix = Radix([low, high], skipping: shared.utf8.count)
        let a = radix.value(low), b = radix.value(high)
        guard b - a >= 2 else { return nil }
        return checked(shared + radix.text(a + (b - a) / 2), above: low, below: high)
    }

    /// A key above `last`, about `pages` pages further on, guessing from the page that ran from
    /// `first` to `last` that keys keep the same density. Nil when the page gives no spread.
    ///
    /// When the guess does not fit in the digits after the shared part (the page spanned
    /// `…000`–`…999`), the last shared character becomes a digit too, so the guess carries into
    /// it (`…016983`) instead of stopping at the top of the shared part (`…000~~~~~`, one page on).
    public static func beyond(first: String, last: String, pages: Int) -> String? {
        guard KeyOrder.less(first, last), pages > 0 else { return nil }
        var shared = Substring(sharedPrefix(first, last))
        var fallback: String?
        while true {
            let radix = Radix([first, last], skipping: shared.utf8.count)
            let a = radix.value(first), b = radix.value(last)
            // The spread moved out of the eight digits: the top of the last fitting reading it is.
            guard b > a else { return fallback }
            let (step, o1) = (b - a).multipliedReportingOverflow(by: Int64(pages))
            let (target, o2) = b.addingReportingOverflow(step)
            if !o1, !o2, target < radix.top {
                return checked(String(shared) + radix.text(target), above: last, below: nil)
            }
            fallback = checked(String(shared) + radix.text(radix.top - 1), above: last, below: nil)
            // Nothing of the shared part left to carry into: the end of the space is the guess.
            guard !shared.isEmpty else { return fallback }
            shared = Substring(shared.unicodeScalars.dropLast())
        }
    }

    /// How many times the stretch `first…last` fits between `last` and `limit` (a rough page count
    /// for a range's remainder); nil when the keys give no measure.
    public static func remainingPages(first: String, last: String, limit: String) -> Double? {
        guard KeyOrder.less(first, last), KeyOrder.less(last, limit) else { return nil }
        let shared = sharedPrefix(first, limit)
        let radix = Radix([first, last, limit], skipping: shared.utf8.count)
        let a = radix.value(first), b = radix.value(last), c = radix.value(limit)
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

    static func checked(_ point: String, above low: String, below high: String?) -> String? {
        guard KeyOrder.less(low, point) else { return nil }
        if let high, !KeyOrder.less(point, high) { return nil }
        return point
    }
}
