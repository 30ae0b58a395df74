import Foundation
import Testing

/// Every command's `--help` is wrapped once, to the terminal width (`COLUMNS`): prose paragraphs
/// are filled greedily (no "…any\nof them" lines left by wrapping hard-wrapped text again), no
/// line outruns the width except an example (kept whole so it can be copied) or one long word.
@Suite(.enabled(if: R2SBinary.path != nil, "the r2s executable is built with the tests"))
struct HelpLayoutTests {
    /// Every command path the executable lists, subcommands included (`["records", "show"]`).
    static func commands(_ env: [String: String]) throws -> [[String]] {
        let list = try R2SBinary.run(["-c", "help --json"], environment: env)
        let rows = (try JSONSerialization.jsonObject(with: Data(list.out.utf8))) as? [[String: Any]] ?? []
        // Runtime plugins (group "plugins") print their authors' own text: r2s does not lay it out.
        var pending = rows.filter { ($0["group"] as? String) != "plugins" }.compactMap { $0["command"] as? String }
            .map { [$0] }
        var seen = Set(pending)
        var out: [[String]] = []
        while !pending.isEmpty {
            let command = pending.removeFirst()
            out.append(command)
            guard command.count < 3 else { continue }
            let help = try R2SBinary.run(["-c", (command + ["--help"]).joined(separator: " ")], environment: env)
            pending += HelpExamples.subcommands(in: help.out).map { command + [$0] }.filter { seen.insert($0).inserted }
        }
        return out
    }

    @Test("help texts are wrapped once to COLUMNS", arguments: [60, 100])
    func wrappedOnce(width: Int) throws {
        let home = TempDir("help")
        var env = R2SBinary.environment(home: home.path)
        let commands = try Self.commands(env)
        #expect(commands.count >= 30, "\(commands)")
        env["COLUMNS"] = String(width)
        for command in commands {
            let r = try R2SBinary.run(["-c", (command + ["--help"]).joined(separator: " ")], environment: env)
            guard r.status == 0 else { continue }  // runtime plugins print their own text
            let lines = r.out.components(separatedBy: "\n")
            let usageAt = lines.firstIndex { $0.hasPrefix("USAGE:") } ?? lines.count
            for (i, line) in lines.enumerated() {
                let indent = line.prefix { $0 == " " }.count
                let words = line.split(separator: " ")
                let isExample = i < usageAt && indent > 0
                #expect(
                    line.count <= width || isExample || words.count == 1 || (words.count == 2 && indent > 0),
                    "\(command) at \(width): line longer than the width: \(line)")
                // Prose: the next line's first word would have fitted on this one → ragged.
                guard i < usageAt, i + 1 < usageAt, indent == 0, !line.isEmpty, !line.hasSuffix(":") else { continue }
                let next = lines[i + 1]
                guard next.first.map({ $0 != " " }) == true, !next.hasPrefix("- "), let word = next.split(separator: " ").first
                else { continue }
                #expect(line.count + 1 + word.count > width, "\(command) at \(width): ragged: '\(line)' / '\(next)'")
            }
        }
    }

    @Test("an example longer than the width stays one line (it is copied), option text hangs in its column")
    func examplesStayWhole() {
        let home = TempDir("help")
        var env = R2SBinary.environment(home: home.path)
        env["COLUMNS"] = "60"
        let r = try? R2SBinary.run(["-c", "filter add --help"], environment: env)
        let out = r?.out ?? ""
        #expect(out.contains("\n  filter add imagens --type 'image/*' --exclude 'thumbs/' --description \"Imagens sem miniaturas\"\n"))
        #expect(out.components(separatedBy: "\n").filter { $0.hasPrefix("USAGE:") }.count == 1)
        // `--min-size <S>` text continues under its own column, not at the margin.
        let lines = out.components(separatedBy: "\n")
        if let i = lines.firstIndex(where: { $0.hasPrefix("  --min-size") }), i + 1 < lines.count {
            let column = lines[i].distance(from: lines[i].startIndex, to: lines[i].range(of: "At least")!.lowerBound)
            #expect(lines[i + 1].prefix { $0 == " " }.count == column, "\(lines[i])\n\(lines[i + 1])")
        } else {
            Issue.record("no --min-size line: \(out)")
        }
    }
}
