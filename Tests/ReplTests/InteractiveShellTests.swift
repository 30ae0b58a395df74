import Foundation
import Testing

/// The interactive shell in a real pseudo-terminal (tmux), driving the built binary.
@Suite struct InteractiveShellTests {
    @Test("TAB completes a command name, a flag and a subcommand")
    func completion() throws {
        guard let tty = try TmuxSession.started() else { return }
        tty.type("sle")
        tty.press("Tab")
        #expect(tty.waitForPrompt("r2s:local> sleep"), "\(tty.screen())")
        tty.type("--he")
        tty.press("Tab")
        #expect(tty.waitForPrompt("r2s:local> sleep --help"), "\(tty.screen())")
        tty.press("Enter")
        #expect(tty.waitForPrompts(2) && tty.screen().contains("USAGE: sleep <seconds>"), "\(tty.screen())")
        tty.type("profile u")
        tty.press("Tab")
        #expect(tty.waitForPrompt("r2s:local> profile use"), "\(tty.screen())")
        tty.press("C-u")
        // Variables set in this session complete after `$`.
        tty.type("set MY_VARIABLE 42")
        tty.press("Enter")
        #expect(tty.waitForPrompts(3), "\(tty.screen())")
        tty.type("echo $MY_V")
        tty.press("Tab")
        #expect(tty.waitForPrompt("r2s:local> echo $MY_VARIABLE"), "\(tty.screen())")
        tty.press("Enter")
        #expect(tty.waitForPrompts(4) && tty.screen().split(separator: "\n").contains("42"), "\(tty.screen())")
    }

    @Test("history survives a restart, is private (0600) and never holds a secret line")
    func history() throws {
        guard let tty = try TmuxSession.started() else { return }
        tty.type("help")
        tty.press("Enter")
        // Type only once the next prompt is up: earlier keys would be echoed by the tty in cooked
        // mode before libedit takes over (harmless, but it shifts the prompt off column 0).
        #expect(tty.waitForPrompts(2) && tty.screen().contains("Global options"), "\(tty.screen())")
        tty.type("set R2_SECRET_ACCESS_KEY abcdefSECRET123")
        tty.press("Enter")
        #expect(tty.waitForPrompts(3), "\(tty.screen())")
        tty.type("true")
        tty.press("Enter")
        #expect(tty.waitForPrompts(4), "\(tty.screen())")
        tty.press("C-d")
        #expect(tty.waitFor { _ in tty.exitStatus() != nil })

        let attributes = try FileManager.default.attributesOfItem(atPath: tty.historyFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let directory = try FileManager.default.attributesOfItem(atPath: (tty.historyFile as NSString).deletingLastPathComponent)
        #expect((directory[.posixPermissions] as? Int) == 0o700)
        let saved = try String(contentsOfFile: tty.historyFile, encoding: .utf8)
        #expect(saved.contains("help") && saved.contains("true"))
        #expect(!saved.contains("abcdefSECRET123") && !saved.contains("R2_SECRET_ACCESS_KEY"))

        // Second run: Up recalls the previous session's lines, skipping the secret one.
        tty.restart()
        #expect(tty.waitForPrompt("r2s:local>"), "\(tty.screen())")
        tty.press("Up")
        #expect(tty.waitForPrompt("r2s:local> true"), "\(tty.screen())")
        tty.press("Up")
        #expect(tty.waitForPrompt("r2s:local> help"), "\(tty.screen())")
    }

    @Test("Ctrl-C discards the line at the prompt and aborts a running command")
    func controlC() throws {
        guard let tty = try TmuxSession.started() else { return }
        tty.type("half typed line")
        #expect(tty.waitForPrompt("r2s:local> half typed line"), "\(tty.screen())")
        tty.press("C-c")
        #expect(tty.waitFor { _ in tty.promptLines().count == 2 && tty.lastPrompt() == "r2s:local>" })

        tty.type("sleep 30")
        tty.press("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        let started = Date()
        tty.press("C-c")
        #expect(tty.waitForPrompts(3, timeout: 5), "\(tty.screen())")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(tty.screen().contains("interrupted"))
        #expect(tty.exitStatus() == nil)  // still running

        tty.type("true")
        tty.press("Enter")
        #expect(tty.waitForPrompts(4), "\(tty.screen())")
    }

    @Test("UTF-8 input (accents, symbols, emoji) arrives intact")
    func utf8() throws {
        guard let tty = try TmuxSession.started() else { return }
        tty.type("héllo✓😀")
        tty.press("Enter")
        #expect(tty.waitForPrompts(2) && tty.screen().contains("unknown command 'héllo✓😀'"), "\(tty.screen())")
        tty.type("echo héllo ✓ 😀")
        tty.press("Enter")
        #expect(tty.waitForPrompts(3), "\(tty.screen())")
        let screen = tty.screen()
        // `echo` arrives with the full language; until then the unknown-command error proves the bytes.
        if !screen.contains("unknown command 'echo'") {
            #expect(screen.split(separator: "\n").contains("héllo ✓ 😀"))
        }
    }

    @Test("Ctrl-D exits with the last command's status")
    func controlD() throws {
        guard let tty = try TmuxSession.started() else { return }
        tty.type("false")
        tty.press("Enter")
        #expect(tty.waitForPrompts(2), "\(tty.screen())")
        tty.press("C-d")
        #expect(tty.waitFor { _ in tty.exitStatus() != nil })
        #expect(tty.exitStatus() == 1)
    }

    @Test("the banner shows where commands act: the target line the stores describe")
    func bannerTarget() throws {
        guard let tty = try TmuxSession.started() else { return }
        let data = tty.configDirectory.replacingOccurrences(of: "/.config/r2s", with: "/.local/share/r2s/local")
        // The screen wraps at 160 columns: compare without the line breaks.
        let screen = tty.screen().replacingOccurrences(of: "\n", with: "")
        #expect(screen.contains("profile local (no configuration found: using \(data)) → folder \(data)/bucket, catalog sqlite"),
                "\(tty.screen())")
    }

    @Test("a production profile is marked in the prompt, with and without colour")
    func productionPrompt() throws {
        for (environment, marker) in [([:], "[PROD]"), (["NO_COLOR": "1"], "!PROD!")] {
            guard let tty = try TmuxSession.make() else { return }
            try FileManager.default.createDirectory(atPath: tty.configDirectory, withIntermediateDirectories: true)
            try "[profile prod-eu]\nR2_BUCKET = media\n".write(toFile: tty.configDirectory + "/config", atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tty.configDirectory + "/config")
            tty.start(environment: environment)
            #expect(tty.waitForPrompt("r2s:local>"), "\(tty.screen())")
            tty.type("profile use prod-eu")
            tty.press("Enter")
            #expect(tty.waitForPrompt("r2s:prod-eu \(marker)>"), "\(tty.screen())")
        }
    }
}
