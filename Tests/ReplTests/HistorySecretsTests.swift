import Foundation
import Testing

/// History keeps no line holding a secret value of the session (issue 12.4), whatever the
/// variable is called and however its name was written: checked on the real shell in a tmux
/// terminal, by reading the history file it saved.
@Suite struct HistorySecretsTests {
    @Test("set DBPW …, set $N … (a secret name held in a variable) and reuse of a secret value stay out of history")
    func sessionSecrets() throws {
        guard let tty = try TmuxSession.make() else { return }
        tty.start(environment: ["GITHUB_PAT": "ghpatvalue42"])
        #expect(tty.waitForPrompt("r2s:local>"), "\(tty.screen())")
        let lines = [
            "set DBPW hunter2",
            "set N DB_PASS",
            "set $N valueFromVar9",
            "set X hunter2",
            "echo valueFromVar9",
            "echo ghpatvalue42",
            "set PLAIN ordinary",
            "true",
        ]
        for (i, line) in lines.enumerated() {
            tty.type(line)
            tty.press("Enter")
            #expect(tty.waitForPrompts(i + 2), "\(tty.screen())")
        }
        tty.press("C-d")
        #expect(tty.waitFor { _ in tty.exitStatus() != nil })
        // libedit's file format writes a space as \040.
        let saved = try String(contentsOfFile: tty.historyFile, encoding: .utf8).replacing("\\040", with: " ")
        for secret in ["hunter2", "valueFromVar9", "ghpatvalue42"] {
            #expect(!saved.contains(secret), "history holds \(secret): \(saved)")
        }
        #expect(saved.contains("set N DB_PASS"))
        #expect(saved.contains("set PLAIN ordinary"))
        #expect(saved.contains("true"))
    }
}
