#if canImport(Glibc)
import Glibc
#endif

/// Edits of the config file's text for `profile add|rm|use --save`: line-based, so comments,
/// order and the other profiles stay exactly as the user wrote them.
enum ConfigFileEdit {
    /// `text` with `current = name` (replacing an existing `current` line before the first
    /// section, else inserted at the top).
    static func settingCurrent(_ text: String, to name: String?) -> String {
        var lines = split(text)
        let firstSection = lines.firstIndex { isSection($0) } ?? lines.count
        let existing = lines[0..<firstSection].firstIndex { key(of: $0) == "current" }
        switch (existing, name) {
        case (let i?, let name?): lines[i] = "current = \(name)"
        case (let i?, nil): lines.remove(at: i)
        case (nil, let name?): lines.insert("current = \(name)", at: 0)
        case (nil, nil): break
        }
        return join(lines)
    }

    /// `text` with the section `[profile name]` appended.
    static func appendingSection(_ text: String, name: String, values: [(String, String)]) -> String {
        var lines = split(text)
        while lines.last?.trimmingCharacters(in: " \t") == "" { lines.removeLast() }
        if !lines.isEmpty { lines.append("") }
        lines.append("[profile \(name)]")
        for (k, v) in values { lines.append("\(k) = \(quoted(v))") }
        return join(lines)
    }

    /// `text` without the section `[profile name]` (its header up to the next header), or `nil`
    /// when there is no such section.
    static func removingSection(_ text: String, name: String) -> String? {
        var lines = split(text)
        guard let start = lines.firstIndex(where: { sectionName($0) == name }) else { return nil }
        var end = start + 1
        while end < lines.count, !isSection(lines[end]) { end += 1 }
        lines.removeSubrange(start..<end)
        // The blank line that separated the section goes with it.
        func blank(_ i: Int) -> Bool { i >= lines.count || lines[i].trimmingCharacters(in: " \t").isEmpty }
        if start > 0, blank(start - 1), blank(start) { lines.remove(at: start - 1) }
        return join(lines)
    }

    /// A value as the parser reads it back: quoted (with `\"` and `\\`) when it has outer spaces
    /// or starts with a quote.
    static func quoted(_ value: String) -> String {
        guard value.first == "\"" || value.first == "'" || value.first == " " || value.last == " " else {
            return value
        }
        return "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    /// Writes the config file atomically (temporary file + rename), mode 0600, creating its
    /// folder (0700) when needed. It holds secrets: never readable by others, never half-written.
    static func write(_ text: String, to path: String) throws(ConfigError) {
        if let slash = path.lastIndex(of: "/") {
            let folder = String(path[..<slash])
            var st = stat()
            if stat(folder, &st) != 0 { try makeFolders(folder, path: path) }
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path, errno) }
        _ = fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw failure(path, code)
            }
            offset += n
        }
        guard fsync(fd) == 0, close(fd) == 0, rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure(path, code)
        }
    }

    private static func makeFolders(_ folder: String, path: String) throws(ConfigError) {
        var current = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0, errno != EEXIST { throw failure(path, errno) }
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> ConfigError {
        let reason = ConfigFiles.describe(errno: code)
        return ConfigError(
            .unreadable, .cannotWrite(path, reason),
            hint: .checkFolderWritable)
    }

    private static func split(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func join(_ lines: [String]) -> String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    static func isSection(_ line: String) -> Bool { line.trimmingCharacters(in: " \t\r").hasPrefix("[") }

    static func sectionName(_ line: String) -> String? {
        let t = line.trimmingCharacters(in: " \t\r")
        guard t.hasPrefix("["), t.hasSuffix("]") else { return nil }
        let parts = t.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
        return parts.count == 2 && parts[0] == "profile" ? String(parts[1]) : nil
    }

    static func key(of line: String) -> String? {
        let t = line.trimmingCharacters(in: " \t\r")
        guard !t.hasPrefix("#"), !t.hasPrefix(";"), let eq = t.firstIndex(of: "=") else { return nil }
        return String(t[..<eq]).trimmingCharacters(in: " \t")
    }
}
