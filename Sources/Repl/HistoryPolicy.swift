public import R2SCore

/// Decides which input lines may be written to the history file.
///
/// A line is kept out of history (memory and file) when any command in it:
/// 1. sets a variable whose name is secret by `SecretRule` (`set DBPW …`, `set GITHUB_PAT …`);
/// 2. has a `NAME=value` word with such a NAME;
/// 3. uses a secret-ish flag: `--secret…`, `--password`, `--token`, `--api-key`,
///    `--secret-key` … (a flag whose name contains secret/password/passwd/token/credential, or
///    ends in `-key`; plain `--key`, an object key, is fine);
/// 4. contains a URL with a password or a `password=` parameter;
/// 5. contains a secret value of the session (`SessionSecrets`: the environment's, the
///    profiles', and every value set under a secret name so far — also through `set $N …`),
///    whatever the variable it is written to now is called.
///
/// The shell asks after the line ran, so a secret the line itself set (`set $N value`) counts.
/// The line still runs; it is only not remembered. (docs/configuration.md, "Secrets".)
public enum HistoryPolicy {
    /// True when `text` may be stored in history, given the session's secrets.
    public static func allows(_ text: String, session: Session) -> Bool {
        allows(text, known: session.secrets.all)
    }

    /// True when `text` may be stored in history, given a profile and an environment only.
    public static func allows(_ text: String, profile: Profile, environment: [String: String]) -> Bool {
        let secrets = SessionSecrets()
        secrets.remember(environment)
        secrets.remember(profile.values)
        return allows(text, known: secrets.all)
    }

    static func allows(_ text: String, known: Set<String>) -> Bool {
        for command in CompletionTokenizer.commands(text) {
            let words = command.map(\.value)
            for (i, word) in words.enumerated() {
                if word == "set", i + 1 < words.count, isSecretName(words[i + 1]) { return false }
                if word.hasPrefix("-"), isSecretFlag(word) { return false }
                if let eq = word.firstIndex(of: "="), !word.hasPrefix("-"), isSecretName(String(word[..<eq])) { return false }
            }
        }
        if !SecretRule.passwordParts(in: text).isEmpty { return false }
        return !SecretRule.contains(text, anyOf: known)
    }

    /// Names whose value must never be remembered (`SecretRule.isSecretName`).
    public static func isSecretName(_ name: String) -> Bool { SecretRule.isSecretName(name) }

    /// `--secret-key=…`, `--password`, `--token`, `--api-key`; not `--key` (an object key).
    static func isSecretFlag(_ word: String) -> Bool {
        var name = word.drop(while: { $0 == "-" }).lowercased()
        if let eq = name.firstIndex(of: "=") { name = String(name[..<eq]) }
        if ["secret", "password", "passwd", "token", "credential"].contains(where: { name.contains($0) }) { return true }
        return name.hasSuffix("-key") || name.hasSuffix("_key")
    }
}
