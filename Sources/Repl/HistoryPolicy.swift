public import R2SCore

/// Decides which input lines may be written to the history file.
///
/// A line is kept out of history (memory and file) when any command in it:
/// 1. sets a secret-looking variable: `set NAME …` where NAME is a secret setting
///    (`Profile.isSecret`) or contains SECRET, PASSWORD, PASSWD, TOKEN, CREDENTIAL, PRIVATE or
///    API_KEY;
/// 2. has a `NAME=value` word with such a NAME;
/// 3. uses a secret-ish flag: `--secret…`, `--password`, `--token`, `--api-key`,
///    `--secret-key` … (a flag whose name contains secret/password/passwd/token/credential, or
///    ends in `-key`; plain `--key`, an object key, is fine);
/// 4. contains a URL with a password (`postgres://user:pw@host/db`);
/// 5. contains the value of a secret of the active profile or of the environment
///    (at least 6 characters, so short values cannot block everyday lines), or the password of
///    the profile's `DATABASE_URL`.
///
/// The line still runs; it is only not remembered. (docs/configuration.md, "History".)
public enum HistoryPolicy {
    /// True when `text` may be stored in history.
    public static func allows(_ text: String, profile: Profile, environment: [String: String]) -> Bool {
        for command in CompletionTokenizer.commands(text) {
            let words = command.map(\.value)
            for (i, word) in words.enumerated() {
                if word == "set", i + 1 < words.count, isSecretName(words[i + 1]) { return false }
                if word.hasPrefix("-"), isSecretFlag(word) { return false }
                if let eq = word.firstIndex(of: "="), !word.hasPrefix("-"), isSecretName(String(word[..<eq])) { return false }
                if hasURLPassword(word) { return false }
            }
        }
        for piece in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) where hasURLPassword(String(piece)) {
            return false
        }
        return !secretValues(profile: profile, environment: environment).contains { text.contains($0) }
    }

    /// Names whose value must never be remembered.
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        if Profile.isSecret(upper) { return true }
        return ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "CREDENTIAL", "PRIVATE", "API_KEY", "APIKEY"].contains {
            upper.contains($0)
        }
    }

    /// `--secret-key=…`, `--password`, `--token`, `--api-key`; not `--key` (an object key).
    static func isSecretFlag(_ word: String) -> Bool {
        var name = word.drop(while: { $0 == "-" }).lowercased()
        if let eq = name.firstIndex(of: "=") { name = String(name[..<eq]) }
        if ["secret", "password", "passwd", "token", "credential"].contains(where: { name.contains($0) }) { return true }
        return name.hasSuffix("-key") || name.hasSuffix("_key")
    }

    static func hasURLPassword(_ word: String) -> Bool {
        guard word.contains("://"), word.contains("@") else { return false }
        return Profile.maskURLPassword(word) != word
    }

    /// Secret values to look for: the profile's secret settings, secret-looking environment
    /// variables, and URL passwords.
    static func secretValues(profile: Profile, environment: [String: String]) -> [String] {
        var values: [String] = []
        for (key, value) in profile.values where Profile.isSecret(key) || isSecretName(key) { values.append(value) }
        for (key, value) in environment where isSecretName(key) { values.append(value) }
        for value in profile.values.values { if let pw = urlPassword(value) { values.append(pw) } }
        return values.filter { $0.count >= 6 }
    }

    /// The password in `scheme://user:password@host…`, if any.
    static func urlPassword(_ url: String) -> String? {
        guard let scheme = url.firstRange(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else {
            return nil
        }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        let password = userInfo[userInfo.index(after: colon)...]
        return password.isEmpty ? nil : String(password)
    }
}
