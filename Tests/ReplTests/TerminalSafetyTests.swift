import Foundation
import R2STestSupport
import Testing

/// A key is hostile input: whoever can upload can name an object so that printing it would drive
/// the admin's terminal. `ls`'s table already showed control characters as `?`; the sync log
/// printed a new row's `nome` (the key's file name) raw. On a terminal it must be escaped, while a
/// file still gets the exact bytes.
@Suite struct TerminalSafetyTests {
    static let hostile = "clear\u{1B}[2J\u{1B}]0;pwned\u{07}\rEVIL.txt"

    func bucket(_ tty: TmuxSession) throws {
        let folder = tty.home + "/.local/share/r2s/local/bucket"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/" + Self.hostile))
    }

    @Test("sync's log on a terminal shows a key's escape sequences and carriage return as \\x1B, \\x07, \\x0D")
    func syncLogShowsEscapes() throws {
        guard let tty = try TmuxSession.started(prepare: bucket) else { return }
        tty.type("echo marker-before; sync --yes --min-age 0s")
        tty.press("Enter")
        let shown = "clear\\x1B[2J\\x1B]0;pwned\\x07\\x0DEVIL.txt"
        #expect(tty.waitFor { $0.contains(shown) }, "\(tty.screen())")
        // The screen was not cleared (the earlier line is still there) and nothing was retitled.
        #expect(tty.screen().contains("marker-before"), "\(tty.screen())")
        #expect(!tty.screenWithEscapes().contains("\u{1B}]0;"), "\(tty.screenWithEscapes())")
    }

    @Test("through a file the key's bytes are unchanged (scripts read exact keys)")
    func fileGetsExactBytes() throws {
        guard let tty = try TmuxSession.make(), let binary = builtR2SBinary() else { return }
        try bucket(tty)
        let out = tty.home + "/ls.out"
        let env = [
            "HOME": tty.home, "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": tty.home + "/.config",
            "XDG_STATE_HOME": tty.home + "/.local/state", "XDG_DATA_HOME": tty.home + "/.local/share",
        ]
        let pid = try spawnToFile([binary, "-c", "sync --dry-run --min-age 0s"], environment: env, outputPath: out)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains(Self.hostile), "\(text.debugDescription)")
    }
}
