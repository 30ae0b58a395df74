/// A configuration problem the operator has to fix: an unknown profile, a malformed config
/// file or `.env`, or a setting with an invalid value. Always exit status 3 and always names the
/// variable (or file and line) to fix. Never contains a secret value. It lives in the leaf target
/// so each store's settings parser (`S3Settings`, `PostgresSettings`, …) throws the very error the
/// shell's profile loader throws.
public struct ConfigError: UserFacingError, Sendable, Equatable {
    /// What kind of problem.
    public enum Code: Sendable, Equatable {
        /// `--profile NAME` / `profile use NAME` with no such profile.
        case unknownProfile
        /// A line of the config file that is not a section, `KEY = VALUE` or a comment.
        case syntax
        /// A setting whose value cannot be used (bad UUID, unknown catalog kind, bad URL…).
        case invalidValue
        /// A setting a command needs is not set.
        case missingValue
        /// The config file exists but cannot be read.
        case unreadable
    }

    public var code: Code
    public var message: LocalizedText
    public var hintText: LocalizedText?

    public init(_ code: Code, _ message: LocalizedText, hint: LocalizedText? = nil) {
        self.code = code
        self.message = message
        self.hintText = hint
    }

    public var exitStatus: ExitStatus { .config }
}
