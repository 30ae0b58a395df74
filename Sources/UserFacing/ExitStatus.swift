/// The process/command exit statuses r2s documents (docs/exit-codes.md).
///
/// A command returns one of these; the interpreter stores it in `$?` and a script's
/// process exits with the status of the command that stopped it.
public struct ExitStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ code: Int32) { self.rawValue = code }

    /// Success.
    public static let ok = ExitStatus(0)
    /// The command failed.
    public static let failure = ExitStatus(1)
    /// Usage or syntax error (bad flags, malformed script line).
    public static let usage = ExitStatus(2)
    /// Configuration, authentication or connection error.
    public static let config = ExitStatus(3)
    /// Refused by a safety guard (e.g. sync's max-delete).
    public static let refused = ExitStatus(4)
    /// Partial failure: some items failed, others succeeded.
    public static let partial = ExitStatus(5)
    /// Drift found (`check`).
    public static let drift = ExitStatus(6)
    /// Interrupted by Ctrl-C (128 + SIGINT, as shells report it).
    public static let interrupted = ExitStatus(130)

    public var isSuccess: Bool { rawValue == 0 }
    public var description: String { String(rawValue) }
}
