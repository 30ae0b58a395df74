import ArgumentParser

extension Dispatcher {
    /// A command line the command's parser refused, as r2s prints every error: `error: …`, the
    /// one usage line, and a hint naming `--help`. Never the whole help screen (ArgumentParser
    /// prints it when a required argument is missing and nothing was typed), which buried the
    /// error a script's log needed.
    static func usageError(_ error: any Error, type: any ParsableCommand.Type, word: String, columns: Int) -> CommandError {
        let full = type.fullMessage(for: error, columns: columns)
        var message = type.message(for: error).trimmingBlanks
        if message.isEmpty { message = full.split(separator: "\n").first.map(String.init) ?? "invalid arguments" }
        // The deepest command's name (`records show`) is in ArgumentParser's "See '… --help'" line.
        var command = word
        for line in full.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("See '") else { continue }
            let quoted = trimmed.dropFirst(5).prefix { $0 != "'" }
            if quoted.hasSuffix(" --help") { command = String(quoted.dropLast(7)) }
            break
        }
        let usage = Self.usageLine(in: full) ?? type.usageString()
        return CommandError(
            LocalizedText(
                en: "\(Self.lowercasedFirst(message))\nusage: \(usage)",
                ptBR: "\(Self.lowercasedFirst(message))\nuso: \(usage)"),
            hint: LocalizedText(
                en: "`\(command) --help` shows the options and examples",
                ptBR: "`\(command) --help` mostra as opções e exemplos"),
            status: .usage)
    }

    /// The `Usage:`/`USAGE:` line of ArgumentParser's text, joined with its continuation lines.
    static func usageLine(in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Usage: ") || $0.hasPrefix("USAGE: ") }) else {
            return nil
        }
        var parts = [String(lines[start].dropFirst(7)).trimmingBlanks]
        for line in lines[(start + 1)...] {
            let trimmed = line.trimmingBlanks
            guard line.hasPrefix(" "), !trimmed.isEmpty, !trimmed.hasPrefix("See '") else { break }
            parts.append(trimmed)
        }
        return parts.joined(separator: " ")
    }

    /// ArgumentParser capitalises its messages ("Missing expected argument"); r2s's errors are
    /// lower-case after `error: `.
    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

extension String {
    fileprivate var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
