import Foundation
import Testing

/// scripts/man.sh writes r2s.1 from the built r2s's help texts; the page must render without a
/// groff warning and carry the sections and commands a reader looks for.
@Suite struct ManPageTests {
    @Test func manPageRendersFromTheHelpTexts() throws {
        let binary = try #require(R2SBinary.path, "r2s binary not found; run `swift build` first")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-man-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }

        let made = try R2SBinary.run([root + "/scripts/man.sh", binary, out], executable: "/bin/bash")
        #expect(made.status == 0, "\(made.err)")
        let page = out + "/r2s.1"

        // -k: UTF-8 input as man-db reads it; -ww: every warning; -z: no output, only the diagnostics.
        let lint = try R2SBinary.run(["-k", "-man", "-Tutf8", "-ww", "-z", page], executable: "/usr/bin/groff")
        #expect(lint.status == 0 && lint.err.isEmpty, "groff: \(lint.err)")

        let shown = try R2SBinary.run(["-l", page], executable: "/usr/bin/man", environment: ["MANWIDTH": "100", "MANPAGER": "cat"])
        #expect(shown.status == 0, "\(shown.err)")
        // man bolds with backspaces when not on a terminal; compare the plain text.
        let text = shown.out.replacing(/.\x08/, with: "")
        for heading in ["NAME", "SYNOPSIS", "OPTIONS", "COMMANDS", "EXIT STATUS"] {
            #expect(text.contains("\n" + heading + "\n"), "no \(heading) section")
        }
        #expect(text.contains("r2s - admin shell for Cloudflare R2"))
        // Each command's own help, subcommands included, with its options.
        #expect(text.contains("upload PATH") || text.contains("USAGE: upload"))
        #expect(text.contains("filter add"))
        #expect(text.contains("--skip-existing"))
        #expect(text.contains("--profile NAME"))
    }
}
