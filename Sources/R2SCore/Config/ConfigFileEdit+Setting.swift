extension ConfigFileEdit {
    /// `text` with `key = value` in the section `[profile name]`: the line that sets `key` (under
    /// any of its spellings) is replaced, else one is added after the section's last setting.
    /// `nil` when there is no such section. Comments and every other line stay as written.
    static func setting(_ text: String, key: String, to value: String, inProfile name: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let start = lines.firstIndex(where: { sectionName($0) == name }) else { return nil }
        var end = start + 1
        while end < lines.count, !isSection(lines[end]) { end += 1 }
        let canonical = SettingName.canonical(key) ?? key
        let line = "\(key) = \(quoted(value))"
        if let existing = (start + 1..<end).last(where: { i in
            Self.key(of: lines[i]).map { (SettingName.canonical($0) ?? $0) == canonical } ?? false
        }) {
            lines[existing] = line
        } else {
            // After the last non-blank line of the section, so the blank line before the next header stays.
            var at = end
            while at > start + 1, lines[at - 1].trimmingCharacters(in: " \t\r").isEmpty { at -= 1 }
            lines.insert(line, at: at)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Records one setting of a named profile in the config file, the way `profile add` and
/// `profile use --save` edit it (atomic, mode 0600, other lines untouched): for commands that
/// set something up once and must remember it, like `trash init`.
public enum ProfileSettingSave {
    /// Writes `key = value` into `[profile name]` of the config file under `paths`. Returns the
    /// file's path, or `nil` when the file has no such section (the `env` and `local` profiles,
    /// which come from the environment or are embedded: nothing to write into).
    public static func save(_ key: String, _ value: String, profile name: String, paths: Paths) throws -> String? {
        let path = ProfileLoader.configPath(paths)
        guard let edited = ConfigFileEdit.setting(try ProfileFile.text(path), key: key, to: value, inProfile: name) else {
            return nil
        }
        try ConfigFileEdit.write(edited, to: path)
        return path
    }
}
