import R2SCore
import Testing

/// Hostile keys must not drive the admin's terminal (see `TerminalText`).
@Suite struct TerminalTextTests {
    @Test(
        "controls, DEL, C1 and bidi overrides become visible escapes; text, newline, tab and r2s's colours stay",
        arguments: [
            ("plain ação 😀.pdf\n", "plain ação 😀.pdf\n"),
            ("a\tb\n", "a\tb\n"),
            ("x\u{1B}]0;pwned\u{07}y", "x\\x1B]0;pwned\\x07y"),
            ("\u{1B}[2Jcleared", "\\x1B[2Jcleared"),
            ("\u{1B}[8mhidden", "\\x1B[8mhidden"),
            ("safe\rEVIL", "safe\\x0DEVIL"),
            ("back\u{08}\u{08}", "back\\x08\\x08"),
            ("del\u{7F} c1\u{9B}31m", "del\\x7F c1\\x9B31m"),
            ("invoice\u{202E}fdp.exe", "invoice\\u{202E}fdp.exe"),
            ("\u{1B}[1;31merror:\u{1B}[0m key", "\u{1B}[1;31merror:\u{1B}[0m key"),
            ("\u{1B}[33mwarning:\u{1B}[0m a\u{1B}[2Jb", "\u{1B}[33mwarning:\u{1B}[0m a\\x1B[2Jb"),
            ("nul\u{0}", "nul\\x00"),
        ])
    func escapes(input: String, shown: String) {
        #expect(TerminalText.safe(input) == shown)
    }
}
