/// The one rule for `R2_JURISDICTION`, read by both the profile's settings (what `profile show`
/// derives) and the S3 client's configuration (what it calls), which used to disagree. It sits
/// in this leaf target only because the profile parser still lives in the shell core; it moves
/// to the S3 target with the rest of the R2 settings (issue 14 §3).
public enum R2Jurisdiction {
    /// Jurisdictions with their own endpoint host (`https://ACCOUNT.<j>.r2.cloudflarestorage.com`).
    public static let names = ["eu", "fedramp", "us"]

    /// What a setting's value means.
    public enum Meaning: Sendable, Hashable {
        /// Unset, empty or `default`: the account's default endpoint.
        case none
        /// A jurisdiction: this host label goes between the account and `r2.cloudflarestorage.com`.
        case label(String)
        /// Not a jurisdiction r2s knows (the value, lowercased and trimmed, for the message).
        case invalid(String)
    }

    /// Reads a raw setting value (case and surrounding whitespace ignored).
    public static func meaning(of raw: String?) -> Meaning {
        let value = (raw ?? "").lowercased().filter { !$0.isWhitespace }
        if value.isEmpty || value == "default" { return .none }
        return names.contains(value) ? .label(value) : .invalid(value)
    }
}
