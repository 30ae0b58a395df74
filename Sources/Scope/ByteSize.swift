/// Parses and prints sizes as the filter flags take them.
///
/// - Bare numbers are bytes: `500`.
/// - One letter is **binary**, as rclone reads it: `k`/`K` = 1,024, `M` = 1,024², `G`, `T`, `P`.
/// - `KiB`, `MiB`, `GiB`, `TiB`, `PiB` are binary too (IEC names).
/// - `kB`/`KB`, `MB`, `GB`, `TB`, `PB` are **decimal** (SI): `1.5GB` = 1,500,000,000.
/// - `B` may end any of them (`10kB`, `10KiB`, `10B`); fractions are allowed (`1.5G`), rounded
///   down to a whole byte; case does not matter except that it never changes the base.
public enum ByteSize {
    /// Bytes for `text`, or throws `ScopeError.invalidSize`.
    public static func parse(_ text: String) throws(ScopeError) -> Int64 {
        let s = text.filter { $0 != " " && $0 != "_" }
        var digits = Substring(s)
        var unit = Substring("")
        if let firstUnit = s.firstIndex(where: { !$0.isASCII || !($0.isNumber || $0 == ".") }) {
            digits = s[..<firstUnit]
            unit = s[firstUnit...]
        }
        guard let (whole, fraction) = splitNumber(digits), let multiplier = multiplier(for: unit) else {
            throw ScopeError(.invalidSize(text))
        }
        // whole × m + fraction × m / 10^digits, in integers so `1.1MB` is exact.
        let (w, overflowW) = whole.multipliedReportingOverflow(by: multiplier)
        var scale: Int64 = 1
        for _ in 0..<fraction.digits { scale *= 10 }
        let (f, overflowF) = fraction.value.multipliedReportingOverflow(by: multiplier)
        guard !overflowW, !overflowF else { throw ScopeError(.invalidSize(text)) }
        let (total, overflow) = w.addingReportingOverflow(f / scale)
        guard !overflow else { throw ScopeError(.invalidSize(text)) }
        return total
    }

    /// `1536` → `1.5 KiB`; bytes below 1 KiB print as `N B`.
    public static func format(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var i = 0
        while abs(value) >= 1024, i < units.count - 1 {
            value /= 1024
            i += 1
        }
        if i == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
        return text + " " + units[i]
    }

    private static func splitNumber(_ s: Substring) -> (Int64, (value: Int64, digits: Int))? {
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty || parts.count == 2 else { return nil }
        guard first.allSatisfy(\.isASCII), let whole = first.isEmpty ? 0 : Int64(first) else { return nil }
        guard parts.count == 2 else { return (whole, (0, 0)) }
        let frac = parts[1].prefix(9)  // nanobyte precision is plenty
        guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let f = Int64(frac) else {
            return nil
        }
        return (whole, (f, frac.count))
    }

    private static func multiplier(for unit: Substring) -> Int64? {
        var u = unit
        if u.count > 1, u.last == "B" || u.last == "b" { u = u.dropLast() }  // kB, KiB, MB…
        else if u == "B" || u == "b" { return 1 }
        if u.isEmpty { return 1 }
        let binary = u.count == 2 && (u.last == "i" || u.last == "I")
        let letter = u.first.map { Character($0.lowercased()) }
        guard u.count == 1 || binary, let power = ["k": 1, "m": 2, "g": 3, "t": 4, "p": 5][letter ?? " "] else {
            return nil
        }
        // One letter without B (`10k`, `1G`) and the IEC `Ki`/`Mi` are binary; `kB`/`MB` decimal.
        let decimal = u.count == 1 && unit.count == 2
        let base: Int64 = decimal ? 1000 : 1024
        var m: Int64 = 1
        for _ in 0..<power { m *= base }
        return m
    }
}
