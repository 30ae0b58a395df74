import Foundation
import Testing

/// TAB completion of local paths in a real terminal (tmux): `upload PATH…` and `download`'s
/// DEST. A completed folder gets no space after it, so TAB TAB then lists that folder's
/// children, not the working folder's.
@Suite struct PathCompletionTests {
    /// `docs/` with two files, and a file beside it, in the session's working folder (its HOME).
    func files(_ tty: TmuxSession) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: tty.home + "/docs/sub", withIntermediateDirectories: true)
        for name in ["docs/alpha-one.pdf", "docs/alpha-two.pdf", "docs/beta.txt", "notes.txt"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: tty.home + "/" + name))
        }
    }

    @Test("upload: TAB completes a local folder without a space; TAB TAB lists that folder's children")
    func upload() throws {
        guard let tty = try TmuxSession.started(prepare: files) else { return }
        tty.type("upload do")
        tty.press("Tab")
        #expect(tty.waitForPrompt("r2s:local> upload docs/"), "\(tty.screen())")
        tty.press("Tab")
        tty.press("Tab")
        // libedit prints the candidates under the line: docs/'s children, not notes.txt.
        #expect(tty.waitFor { $0.contains("alpha-one.pdf") && $0.contains("beta.txt") && $0.contains("sub/") }, "\(tty.screen())")
        #expect(!tty.screen().contains("notes.txt"), "\(tty.screen())")
        tty.type("alpha-t")
        tty.press("Tab")
        #expect(tty.waitFor { _ in tty.lastPrompt() == "r2s:local> upload docs/alpha-two.pdf" }, "\(tty.screen())")
    }

    @Test("download: the first argument completes keys, the second (DEST) local paths")
    func downloadDestination() throws {
        guard let tty = try TmuxSession.started(prepare: files) else { return }
        tty.type("download fichas/a.pdf do")
        tty.press("Tab")
        #expect(tty.waitForPrompt("r2s:local> download fichas/a.pdf docs/"), "\(tty.screen())")
        tty.type("s")
        tty.press("Tab")
        #expect(tty.waitForPrompt("r2s:local> download fichas/a.pdf docs/sub/"), "\(tty.screen())")
    }
}
