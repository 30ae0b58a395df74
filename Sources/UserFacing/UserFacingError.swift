/// An error the shell shows to the operator as-is: what went wrong and what to do.
///
/// A conforming error says three things — its `message`, its `hintText` (or `nil`) and, when
/// it is not a plain failure, its `exitStatus`; everything the shell renders is derived from
/// them here. Library errors (S3, HTTP, catalog) adopt this in their own modules. The renderer
/// prints `error: <message>` and, when present, `hint: <hint>`, in the user's language.
///
/// The secret rule applies on the way out: the derived texts pass `SecretRule.scrub`, so a URL
/// password or userinfo a library quoted never reaches the operator (the renderer also masks the
/// session's own secret values).
public protocol UserFacingError: Error {
    /// What went wrong, in every language: one line, lowercase start, no trailing period
    /// ("bucket 'media' not found").
    var message: LocalizedText { get }
    /// The next step, if there is one ("check R2_ENDPOINT or run `profile show`"). A requirement
    /// without default on purpose: a conformance whose `hintText` has another type (a
    /// non-optional `LocalizedText`) would otherwise compile and silently lose its hint.
    var hintText: LocalizedText? { get }
    /// The status a command failing with this error returns (default: `.failure`).
    var exitStatus: ExitStatus { get }
}

extension UserFacingError {
    public var exitStatus: ExitStatus { .failure }

    /// The message in `language`, with URL passwords and userinfo masked.
    public func localizedMessage(_ language: Language) -> String {
        SecretRule.scrub(message.resolve(language), known: [])
    }

    /// The hint in `language`, with URL passwords and userinfo masked; `nil` without a hint.
    public func localizedHint(_ language: Language) -> String? {
        hintText.map { SecretRule.scrub($0.resolve(language), known: []) }
    }

    /// The English message (logs, `description`s, tests).
    public var userMessage: String { localizedMessage(.en) }
    /// The English hint, if any.
    public var hint: String? { localizedHint(.en) }
}

/// A generic user-facing failure for commands that need no error type of their own.
public struct CommandError: UserFacingError, Sendable {
    public var message: LocalizedText
    public var hintText: LocalizedText?
    public var exitStatus: ExitStatus

    public init(_ message: LocalizedText, hint: LocalizedText? = nil, status: ExitStatus = .failure) {
        self.message = message
        self.hintText = hint
        self.exitStatus = status
    }

    public init(_ message: String, hint: String? = nil, status: ExitStatus = .failure) {
        self.init(LocalizedText(message), hint: hint.map { LocalizedText($0) }, status: status)
    }
}
