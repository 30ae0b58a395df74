import R2SCore

/// The comment block at the top of a plugin file that documents it:
///
///     # r2s-plugin: Report objects without rows and rows without objects under a prefix.
///     # usage: orphans [PREFIX] [--report FILE]
///     # arg: PREFIX         folder to inspect (default: whole bucket)
///     # arg: --report FILE  also write the findings to FILE (.json or .csv)
///     #
///     # Any other comment line is free text shown under the usage (examples, notes).
///
/// Only the first contiguous block of `#` lines counts (after an optional `#!` line), and only
/// when it has an `r2s-plugin:` line. Shell and Python scripts use the same syntax, so an
/// external `r2s-NAME` script can carry the same header.
public struct PluginHeader: Sendable, Hashable {
    /// One declared argument (`# arg: NAME  help`).
    public struct Argument: Sendable, Hashable {
        /// `PREFIX`, `--report FILE`, `--dry-run`.
        public var name: String
        public var help: String

        /// The option word when the argument is an option (`--report`), else `nil`.
        public var optionWord: String? {
            guard name.hasPrefix("-") else { return nil }
            return String(name.prefix { $0 != " " && $0 != "=" })
        }
    }

    /// The one-line help (`r2s-plugin:`).
    public var summary: String
    /// The usage line (`usage:`), without the `usage:` word.
    public var usage: String?
    /// Declared arguments in order.
    public var arguments: [Argument]
    /// Free comment lines after the keyed ones (blank comment lines kept as paragraph breaks).
    public var description: [String]

    public init(summary: String, usage: String? = nil, arguments: [Argument] = [], description: [String] = []) {
        self.summary = summary
        self.usage = usage
        self.arguments = arguments
        self.description = description
    }

    /// How many bytes of a file are read to find the header.
    static let scanLimit = 8 * 1024

    /// Parses the header from the start of a file; `nil` when there is no `r2s-plugin:` line.
    public static func parse(_ text: String) -> PluginHeader? {
        var summary: String?
        var usage: String?
        var arguments: [Argument] = []
        var description: [String] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        if let first = lines.first, first.hasPrefix("#!") { lines = lines.dropFirst() }
        for raw in lines {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard line.hasPrefix("#") else { break }
            var body = line.dropFirst()
            if body.first == " " { body = body.dropFirst() }
            if let value = keyed(body, "r2s-plugin:") {
                summary = value
            } else if let value = keyed(body, "usage:") {
                usage = value
            } else if let value = keyed(body, "arg:") {
                arguments.append(splitArgument(value))
            } else if summary != nil {
                description.append(String(body))
            }
        }
        guard let summary, !summary.isEmpty else { return nil }
        while description.last?.allSatisfy({ $0 == " " }) == true { description.removeLast() }
        while description.first?.allSatisfy({ $0 == " " }) == true { description.removeFirst() }
        return PluginHeader(summary: summary, usage: usage, arguments: arguments, description: description)
    }

    /// Reads and parses the header of a file (the first 8 KiB only).
    static func read(path: String) -> PluginHeader? {
        guard let bytes = FileSystem.readPrefix(path, limit: scanLimit) else { return nil }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    private static func keyed(_ body: Substring, _ key: String) -> String? {
        guard body.lowercased().hasPrefix(key) else { return nil }
        return String(body.dropFirst(key.count)).trimmingCharacters(in: " \t")
    }

    /// `--report FILE  write a report` → name `--report FILE`, help `write a report`: the name
    /// ends at the first run of two or more spaces (or a tab), so a name may contain one space.
    private static func splitArgument(_ value: String) -> Argument {
        let chars = Array(value)
        var i = 0
        while i < chars.count {
            if chars[i] == "\t" || (chars[i] == " " && i + 1 < chars.count && chars[i + 1] == " ") {
                let name = String(chars[..<i]).trimmingCharacters(in: " \t")
                let help = String(chars[i...]).trimmingCharacters(in: " \t")
                return Argument(name: name, help: help)
            }
            i += 1
        }
        return Argument(name: value, help: "")
    }

    /// The help text `NAME --help` and `help NAME` print.
    func helpText(name: String, footer: String) -> String {
        var out = "\(name) — \(summary)\n\nUSAGE: \(usage ?? name + " [ARGUMENTS]")\n"
        if !arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            let width = min(24, arguments.map(\.name.count).max() ?? 0) + 2
            for arg in arguments {
                let pad = String(repeating: " ", count: max(2, width - arg.name.count))
                out += "  " + arg.name + pad + arg.help + "\n"
            }
        }
        if !description.isEmpty {
            out += "\n" + description.joined(separator: "\n") + "\n"
        }
        return out + "\n" + footer + "\n"
    }
}

extension PluginHost {
    /// The start of a plugin file as text (where its header is), or "" when unreadable.
    public static func headerText(of path: String) -> String {
        FileSystem.readPrefix(path, limit: PluginHeader.scanLimit).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
