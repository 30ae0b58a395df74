import Foundation

/// One runnable example of the documentation: a fenced ```sh or ```r2s block of README.md or
/// docs/*.md, or one `EXAMPLES:` line of a command's `--help`.
///
/// A fence's info string may carry attributes after the language (GitHub shows only the first
/// word): `elsewhere` (not collected: wrangler, systemd, apt, a real Cloudflare account),
/// `status=N` (the exit status the block must end with, e.g. `check` finding drift), and
/// `arg=WORD` (repeatable: the `$1…` of an r2s block).
struct DocExample: CustomStringConvertible, Sendable {
    enum Kind: Sendable {
        /// A ```sh block, run by `/bin/sh -e` with r2s on PATH.
        case shell
        /// A ```r2s block, run by `r2s -f block.r2s ARG…`.
        case script
        /// One `EXAMPLES:` line of a help text, run by `r2s -c LINE`.
        case helpLine
    }

    var kind: Kind
    /// `docs/language.md:9` or `help upload`.
    var origin: String
    var text: String
    var expectedStatus: Int32 = 0
    var arguments: [String] = []

    var description: String { "\(origin): \(text.prefix(200))" }
}

/// What one markdown file holds: the collected blocks and how many were fenced `elsewhere`.
struct MarkdownExamples {
    var examples: [DocExample] = []
    var leftOut = 0

    /// Collects the ```sh / ```r2s blocks of `text` (`origin` is the file name used in messages).
    /// Fences may be indented (inside list items); the indentation is removed from the block.
    static func collect(_ text: String, origin: String) -> MarkdownExamples {
        var result = MarkdownExamples()
        let lines = text.components(separatedBy: "\n")
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("```") else {
                i += 1
                continue
            }
            let indent = line.prefix { $0 == " " }.count
            let info = trimmed.dropFirst(3).split(separator: " ").map(String.init)
            var body: [String] = []
            var j = i + 1
            while j < lines.count, lines[j].trimmingCharacters(in: .whitespaces) != "```" {
                body.append(String(lines[j].dropFirst(min(indent, lines[j].prefix { $0 == " " }.count))))
                j += 1
            }
            defer { i = j + 1 }
            guard let language = info.first, language == "sh" || language == "r2s" else { continue }
            let attributes = info.dropFirst()
            if attributes.contains("elsewhere") {
                result.leftOut += 1
                continue
            }
            var example = DocExample(
                kind: language == "sh" ? .shell : .script, origin: "\(origin):\(i + 1)",
                text: body.joined(separator: "\n") + "\n")
            for attribute in attributes {
                if attribute.hasPrefix("status="), let n = Int32(attribute.dropFirst(7)) {
                    example.expectedStatus = n
                } else if attribute.hasPrefix("arg=") {
                    example.arguments.append(String(attribute.dropFirst(4)))
                }
            }
            result.examples.append(example)
        }
        return result
    }
}

/// Reads the `EXAMPLES:` section and the `SUBCOMMANDS:` names out of a rendered `--help`.
enum HelpExamples {
    /// The lines indented under `EXAMPLES:`, up to the first blank or less-indented line.
    static func examples(in help: String) -> [String] {
        section("EXAMPLES:", in: help)
    }

    /// The first word of each entry under `SUBCOMMANDS:` (ArgumentParser's list): only lines at
    /// the entries' own indent, not the wrapped continuation of an abstract.
    static func subcommands(in help: String) -> [String] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "SUBCOMMANDS:" }) else {
            return []
        }
        var out: [String] = []
        var entryIndent: Int?
        for line in lines[(start + 1)...] {
            let indent = line.prefix { $0 == " " }.count
            if line.trimmingCharacters(in: .whitespaces).isEmpty || indent == 0 { break }
            if entryIndent == nil { entryIndent = indent }
            // An entry with aliases reads `ls, list   List …`: the name is the word before the comma.
            guard indent == entryIndent, let first = line.split(separator: " ").first,
                let word = first.split(separator: ",").first
            else { continue }
            if word != "help", word.first?.isLetter == true { out.append(String(word)) }
        }
        return out
    }

    private static func section(_ heading: String, in help: String) -> [String] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == heading }) else { return [] }
        let headingIndent = lines[start].prefix { $0 == " " }.count
        var out: [String] = []
        for line in lines[(start + 1)...] {
            let indent = line.prefix { $0 == " " }.count
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || indent <= headingIndent { break }
            out.append(trimmed)
        }
        return out
    }
}
