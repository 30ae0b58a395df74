/// Lays a command's `--help` out once, to the terminal width.
///
/// The help texts are written as hard-wrapped prose (about 100 columns) and ArgumentParser wraps
/// every source line again at the terminal width, which left ragged "…any\nof them" lines. So
/// the dispatcher has ArgumentParser render without wrapping and this reflows the result:
/// - prose before `USAGE:` (lines at the left margin; a `- ` item with its indented
///   continuation) is joined into paragraphs and wrapped greedily;
/// - other indented lines there (EXAMPLES, tables) are kept exactly: an example must stay one
///   line to be copied;
/// - from `USAGE:` on, a line longer than the width is wrapped with a hanging indent (an
///   option's text stays in its column).
public enum HelpLayout {
    /// The width ArgumentParser is given so that it wraps nothing itself.
    public static let unwrapped = 10_000

    /// `text` wrapped to `width` columns (at least 40).
    public static func format(_ text: String, width: Int) -> String {
        let width = max(40, width)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var paragraph: [String] = []
        var hanging = 0
        var inProse = true
        func flush() {
            guard !paragraph.isEmpty else { return }
            out += wrap(paragraph.joined(separator: " "), width: width, first: "", rest: String(repeating: " ", count: hanging))
            paragraph = []
        }
        for line in lines {
            let indent = line.prefix { $0 == " " }.count
            let trimmed = String(line.dropFirst(indent))
            if inProse && line.hasPrefix("USAGE:") { inProse = false }
            guard inProse else {
                flush()
                out += wrapLong(line, width: width)
                continue
            }
            if trimmed.isEmpty {
                flush()
                out.append("")
            } else if indent == 0 && !isHeading(trimmed) {
                if trimmed.hasPrefix("- ") || trimmed.hasPrefix("OVERVIEW:") { flush() }
                if paragraph.isEmpty { hanging = trimmed.hasPrefix("- ") ? 2 : 0 }
                paragraph.append(trimmed)
            } else if indent == 2 && hanging == 2 && !paragraph.isEmpty {
                paragraph.append(trimmed)  // the continuation of a `- ` item
            } else {
                flush()
                out.append(line)
            }
        }
        flush()
        return out.joined(separator: "\n")
    }

    /// `EXAMPLES:`, `NOTES:`: a heading is kept on its own line.
    static func isHeading(_ line: String) -> Bool {
        line.hasSuffix(":") && line.dropLast().allSatisfy { $0.isUppercase || $0 == " " || $0 == "-" }
    }

    /// A line of the usage/options part: as it is when it fits, else wrapped under its text column
    /// (after the first gap of two spaces following the label), or indented by two.
    static func wrapLong(_ line: String, width: Int) -> [String] {
        guard line.count > width else { return [line] }
        let indent = line.prefix { $0 == " " }.count
        var column = indent + 2
        let chars = Array(line)
        var i = indent
        while i + 1 < chars.count, !(chars[i] == " " && chars[i + 1] == " ") { i += 1 }
        if i + 1 < chars.count {
            var j = i
            while j < chars.count, chars[j] == " " { j += 1 }
            if j < width / 2 { column = j }
        }
        if line.hasPrefix("USAGE: ") { column = 7 }
        let first = String(chars[..<min(column, chars.count)])
        let body = String(chars[min(column, chars.count)...])
        return wrap(body, width: width, first: first, rest: String(repeating: " ", count: column))
    }

    /// Greedy word wrap: `first` starts the first line, `rest` the others. A word longer than a
    /// line is put on its own line, never cut.
    static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var current = first
        var currentHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if currentHasWord && current.count + 1 + word.count > width {
                lines.append(current)
                current = rest
                currentHasWord = false
            }
            current += (currentHasWord ? " " : "") + word
            currentHasWord = true
        }
        lines.append(current)
        return lines
    }
}
