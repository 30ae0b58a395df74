/// An error the shell shows to the operator as-is: what went wrong and what to do.
///
/// Library errors (S3, HTTP, catalog) adopt this in their own modules. The renderer prints
/// `error: <userMessage>` and, when present, `hint: <hint>`. Messages never contain secrets.
public protocol UserFacingError: Error {
    /// One line, lowercase start, no trailing period: "bucket 'media' not found".
    var userMessage: String { get }
    /// The next step for the user, if there is one: "check R2_ENDPOINT or run `profile show`".
    var hint: String? { get }
    /// The status a command failing with this error returns.
    var exitStatus: ExitStatus { get }
    /// The message in the user's language; defaults to `userMessage`.
    func localizedMessage(_ language: Language) -> String
    /// The hint in the user's language; defaults to `hint`.
    func localizedHint(_ language: Language) -> String?
}

extension UserFacingError {
    public var hint: String? { nil }
    public var exitStatus: ExitStatus { .failure }
    public func localizedMessage(_ language: Language) -> String { userMessage }
    public func localizedHint(_ language: Language) -> String? { hint }
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

    public var userMessage: String { message.en }
    public var hint: String? { hintText?.en }
    public func localizedMessage(_ language: Language) -> String { message.resolve(language) }
    public func localizedHint(_ language: Language) -> String? { hintText?.resolve(language) }
}
