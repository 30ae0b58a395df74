import Foundation
import R2SCore
import Testing

/// The interpreter's bounds on hostile input (issue 12.7, 12.8, 12.14): block nesting, script
/// size and kind, and the status of runaway recursion — each run through the real executable,
/// since the failures they guard against were crashes and hangs of the process itself.
@Suite struct LanguageLimitsTests {
    private func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-limits-\(UUID().uuidString).r2s").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func nested(_ depth: Int) -> String {
        String(repeating: "if true\n", count: depth) + "echo deep\n" + String(repeating: "end\n", count: depth)
    }

    @Test("30,000 nested if blocks are a syntax error at the block past the limit, not a crash")
    func deepNesting() throws {
        let r = try R2SBinary.run([], input: nested(30_000))
        #expect(!r.signaled)
        #expect(r.status == 2)
        #expect(r.out == "")
        let line = Interpreter.maxNesting + 1
        #expect(r.err.hasPrefix("<stdin>:\(line):1: if blocks nested more than \(Interpreter.maxNesting) deep"), "\(r.err)")
    }

    @Test("nesting up to the limit runs")
    func nestingAtLimit() throws {
        let r = try R2SBinary.run([], input: nested(Interpreter.maxNesting))
        #expect(r.status == 0)
        #expect(r.out == "deep\n")
    }

    @Test("a long else-if chain counts as nesting too")
    func elseIfChain() throws {
        let text = "if false\n" + String(repeating: "else if false\n", count: 20_000) + "end\n"
        let path = try file(text)
        let r = try R2SBinary.run(["-f", path])
        #expect(!r.signaled)
        #expect(r.status == 2)
        #expect(r.err.contains("\(path):\(Interpreter.maxNesting + 1):"), "\(r.err)")
    }

    @Test("r2s -f /dev/zero refuses at once: scripts must be regular files")
    func deviceScript() throws {
        let r = try R2SBinary.run(["-f", "/dev/zero"])
        #expect(r.status == 2)
        #expect(r.err.contains("cannot read '/dev/zero': not a regular file"), "\(r.err)")
    }

    @Test("source /dev/zero fails the source line with 1, like an unreadable file")
    func sourceDevice() throws {
        let r = try R2SBinary.run(["-c", "on-error continue; source /dev/zero; echo status=$?"])
        #expect(r.out == "status=1\n")
        #expect(r.err.contains("not a regular file"), "\(r.err)")
    }

    @Test("a script file over the size limit is refused with 2 (and with 1 under source)")
    func oversizedFile() throws {
        let path = try file(String(repeating: "#", count: SourceFile.maxScriptBytes) + "\necho never\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let direct = try R2SBinary.run(["-f", path])
        #expect(direct.status == 2)
        #expect(direct.out == "")
        #expect(direct.err.contains("larger than \(SourceFile.maxScriptBytes / (1024 * 1024)) MiB"), "\(direct.err)")
        let sourced = try R2SBinary.run(["-c", "on-error continue; source '\(path)'; echo status=$?"])
        #expect(sourced.out == "status=1\n")
    }

    @Test("stdin over the size limit is refused with 2 without reading it all")
    func oversizedStdin() throws {
        let path = try file(String(repeating: "#", count: SourceFile.maxScriptBytes + 10) + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try R2SBinary.run(
            ["-c", "\"$R2S\" < '\(path)'"], executable: "/bin/sh", environment: ["R2S": R2SBinary.path ?? "r2s"])
        #expect(r.status == 2)
        #expect(r.err.contains("<stdin>"), "\(r.err)")
        #expect(r.err.contains("larger than"), "\(r.err)")
        // Endless stdin ends too: the limit stops the read.
        let endless = try R2SBinary.run(
            ["-c", "\"$R2S\" < /dev/zero"], executable: "/bin/sh", environment: ["R2S": R2SBinary.path ?? "r2s"])
        #expect(endless.status == 2)
    }

    @Test("source recursion is a usage error (2)")
    func sourceRecursion() throws {
        let path = try file("source \"$0\"\n")
        let r = try R2SBinary.run(["-f", path])
        #expect(r.status == 2)
        #expect(r.err.contains("nested more than \(Interpreter.maxDepth) deep"), "\(r.err)")
    }
}
