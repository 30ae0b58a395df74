/// Text from hostile sources (object keys, urls in rows, error texts from servers) made safe for
/// a terminal. A key may hold escape sequences: `ESC ] 0 ; … BEL` retitles the window, `ESC [ 2 J`
/// clears the screen, a bare `\r` or backspaces overwrite what was printed before, and the
/// bidirectional overrides (`U+202E`) show `fdp.exe` as `exe.pdf`. On a terminal every such
/// character is shown as a visible escape (`\x1B`, `\u{202E}`); only the colour sequences r2s
/// itself prints (`ColorMode.paint`) pass through. Pipes and files get
/// the bytes unchanged (scripts read exact keys), as GNU `ls` does.
public enum TerminalText {
    /// The escape sequences r2s writes itself through the console: the four colours and reset.
    /// A hostile key can at most colour text with them (no conceal, no cursor move, no erase).
    static let ownSequences: [String] = ["[1;31m", "[33m", "[36m", "[32m", "[0m"]

    /// `text` with every control character except newline and tab — C0, DEL, C1 — and every
    /// bidirectional control shown as a visible escape, r2s's own sequences kept.
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}", let own = ownSequence(in: scalars, at: i + 1) {
                out.append(s)
                out.append(contentsOf: own.unicodeScalars)
                i += 1 + own.unicodeScalars.count
                continue
            }
            if needsEscape(s) {
                let hex = String(s.value, radix: 16, uppercase: true)
                out.append(contentsOf: (s.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}").unicodeScalars)
            } else {
                out.append(s)
            }
            i += 1
        }
        return String(out)
    }

    /// Whether `s` is shown escaped: C0 but newline and tab, DEL, C1, and the bidi controls.
    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func ownSequence(in scalars: [Unicode.Scalar], at start: Int) -> String? {
        ownSequences.first { seq in
            let want = Array(seq.unicodeScalars)
            return start + want.count <= scalars.count && Array(scalars[start..<start + want.count]) == want
        }
    }
}
