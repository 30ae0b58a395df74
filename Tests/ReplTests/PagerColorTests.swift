import Foundation
import Testing

/// The pager for long listings and the colours of errors, in a real terminal (tmux).
@Suite struct PagerColorTests {
    /// 100 objects in the local profile's bucket folder: `ls p` is longer than the 48-line screen.
    func bucket(_ tty: TmuxSession) throws {
        let folder = tty.home + "/.local/share/r2s/local/bucket/p"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0..<100 {
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + String(format: "/f%03d.txt", i)))
        }
    }

    @Test("a long listing on a terminal goes through the pager (less -FRX) until q; --no-pager and --json print at once")
    func pager() throws {
        guard let tty = try TmuxSession.started(prepare: bucket) else { return }
        tty.type("ls p")
        tty.press("Enter")
        // less waits at its ':' prompt with the first screenful; no new r2s prompt yet.
        #expect(tty.waitFor { $0.contains("p/f000.txt") && $0.split(separator: "\n").last == ":" }, "\(tty.screen())")
        #expect(!tty.screen().contains("p/f099.txt"), "the pager shows one screen: \(tty.screen())")
        #expect(tty.promptLines().count == 1)
        tty.press("q")
        #expect(tty.waitForPrompts(2), "\(tty.screen())")

        tty.type("ls p --no-pager")
        tty.press("Enter")
        #expect(tty.waitFor { $0.contains("p/f099.txt") && self.promptCount(tty) == 3 }, "\(tty.screen())")
        tty.type("ls p --json")
        tty.press("Enter")
        #expect(tty.waitFor { _ in self.promptCount(tty) == 4 }, "--json is never paged: \(tty.screen())")
        tty.type("ls p -q")
        tty.press("Enter")
        #expect(tty.waitFor { _ in self.promptCount(tty) == 5 }, "-q is never paged: \(tty.screen())")
    }

    @Test("R2S_PAGER picks the pager; an empty one turns paging off")
    func pagerSetting() throws {
        guard let tty = try TmuxSession.make() else { return }
        try bucket(tty)
        tty.start(environment: ["R2S_PAGER": "sed s/^/PAGED:/"])
        #expect(tty.waitForPrompt("r2s:local>"), "\(tty.screen())")
        tty.type("ls p")
        tty.press("Enter")
        #expect(tty.waitFor { $0.contains("PAGED:      p/f099.txt") && self.promptCount(tty) == 2 }, "\(tty.screen())")
        tty.restart(environment: ["R2S_PAGER": ""])
        #expect(tty.waitForPrompt("r2s:local>"), "\(tty.screen())")
        tty.type("ls p")
        tty.press("Enter")
        #expect(tty.waitFor { $0.contains("p/f099.txt") && self.promptCount(tty) == 2 }, "\(tty.screen())")
        #expect(!tty.screen().contains("PAGED:"))
    }

    @Test("errors are red and hints cyan on a terminal; NO_COLOR turns colour off")
    func colours() throws {
        guard let tty = try TmuxSession.started() else { return }
        tty.type("nosuchcommand")
        tty.press("Enter")
        #expect(tty.waitForPrompts(2), "\(tty.screen())")
        let painted = tty.screenWithEscapes()
        // tmux re-renders the escapes: bold red is `ESC[1m` + `ESC[31m`, cyan `ESC[36m`.
        #expect(painted.contains("31merror:"), "\(painted)")
        #expect(painted.contains("36mhint:"), "\(painted)")
        tty.restart(environment: ["NO_COLOR": "1"])
        #expect(tty.waitForPrompt("r2s:local>"), "\(tty.screen())")
        tty.type("nosuchcommand")
        tty.press("Enter")
        #expect(tty.waitForPrompts(2), "\(tty.screen())")
        let plain = tty.screenWithEscapes()
        #expect(plain.contains("error: unknown command") && !plain.contains("31merror:"), "\(plain)")
    }

    @Test("--color always colours even when not a terminal; never and the default off a terminal do not")
    func colorFlag() throws {
        guard let binary = TmuxSession.binary else { return }
        func stderr(_ args: [String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = args
            let home = NSTemporaryDirectory() + "r2s-color-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: home) }
            p.environment = ["HOME": home, "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": home + "/c", "XDG_STATE_HOME": home + "/s",
                             "XDG_DATA_HOME": home + "/d"]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = Pipe()
            try p.run()
            let data = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try stderr(["--color", "always", "-c", "nosuchcommand"]).contains("\u{1B}[1;31merror:\u{1B}[0m unknown command"))
        #expect(!(try stderr(["--color=never", "-c", "nosuchcommand"]).contains("\u{1B}[")))
        #expect(!(try stderr(["-c", "nosuchcommand"]).contains("\u{1B}[")))
        #expect(try stderr(["--color", "sometimes", "-c", "true"]).contains("--color sometimes: expected auto, always or never"))
    }

    private func promptCount(_ tty: TmuxSession) -> Int { tty.promptLines().count }
}
