extension KeySplit {
    /// A point past every key that begins with the first `depth` `/`-separated segments of `key`
    /// after `floor` (the listing's prefix), and before the next such folder: for `docs/f00/016983`
    /// at depth 2, `docs/f00~`; for `docs/f00~`, `docs/f01~`. Nil when no such point stays inside
    /// `floor` or lies above `key`.
    ///
    /// Why: keys are mostly folders, and a guess from one page's density (`beyond`) knows nothing
    /// of where a folder ends. Cutting the open end of a listing at folder after folder
    /// (`docs/f00~`, `docs/f01~`, … — the counter carries: `f09` → `f10~`) hands every idle stream
    /// a folder at once instead of one folder per round trip.
    ///
    /// The point ends in `~`, never at a folder's own name: SeaweedFS, given `start-after=docs/f01`
    /// while `docs/f01/…` exist, skips that whole folder (it compares names within `docs/`), and
    /// a point such as `docs/f01~` is no folder's name.
    public static func sibling(of key: String, floor: String, depth: Int) -> String? {
        guard depth >= 1, key.utf8.starts(with: floor.utf8) else { return nil }
        let rest = key.utf8.dropFirst(floor.utf8.count)
        var stemBytes = 0, segments = 0
        for byte in rest {
            if byte == UInt8(ascii: "/") {
                segments += 1
                if segments == depth { break }
            }
            stemBytes += 1
        }
        var stem = String(decoding: key.utf8.prefix(floor.utf8.count + stemBytes), as: UTF8.self)
        // `docs/f00~` (a point made here) stands for its folder `docs/f00`.
        while stem.utf8.count > floor.utf8.count, stem.utf8.last == UInt8(ascii: "~") { stem.removeLast() }
        if let point = checked(stem + "~", above: key, below: nil) { return point }
        guard let next = bumped(stem, keeping: floor.unicodeScalars.count) else { return nil }
        return checked(next + "~", above: key, below: nil)
    }

    /// The segment depth of `key`'s parent folder after `floor` (0: it has none).
    public static func parentDepth(_ key: String, floor: String) -> Int {
        guard key.utf8.starts(with: floor.utf8) else { return 0 }
        return key.utf8.dropFirst(floor.utf8.count).reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
    }

    /// `text` counted up by one like an odometer, each character in its own alphabet (`0-9`,
    /// `a-z`, `A-Z`; other characters by one code point): at an alphabet's end the character
    /// starts over (`9` → `0`, `z` → `a`) and the one before counts up, so the length is kept:
    /// `f09` → `f10`, `az` → `ba`. Nil when the carry would reach the first `keeping` scalars.
    ///
    /// Why the length is kept: `f09` → `f1` made the cut after folder `f09` the point `f1~`, one
    /// range over the ten folders `f10`…`f19`, which the idle streams then halved in the empty
    /// space between `f19/…` and `f1~` (issue 17's 100k benchmark: 43 extra pages, most empty).
    static func bumped(_ text: String, keeping: Int) -> String? {
        var scalars = Array(text.unicodeScalars)
        var restarted: [Unicode.Scalar] = []
        while scalars.count > keeping, let last = scalars.last {
            scalars.removeLast()
            let v = last.value
            let next: UInt32? =
                switch v {
                case 0x30..<0x39, 0x41..<0x5A, 0x61..<0x7A: v + 1
                case 0x39, 0x5A, 0x7A: nil  // end of its alphabet: carry
                case 0x20..<0x7E: max(v + 1, 0x30)  // never below `0` (see `Alphabet`)
                case 0x80...: v + 1  // code point order is UTF-8 byte order; a surrogate or the end carries
                default: nil  // `~` and control bytes: carry
                }
            if let next, let s = Unicode.Scalar(next) {
                scalars.append(s)
                var out = String.UnicodeScalarView()
                out.append(contentsOf: scalars)
                out.append(contentsOf: restarted.reversed())
                return String(out)
            }
            // The character starts its alphabet over (anything else restarts at `0`, the lowest
            // byte a point may hold): the result is still above `text`, the carried one counted up.
            let first: Unicode.Scalar =
                switch v {
                case 0x61...0x7A: "a"
                case 0x41...0x5A: "A"
                default: "0"
                }
            restarted.append(first)
        }
        return nil
    }
}
