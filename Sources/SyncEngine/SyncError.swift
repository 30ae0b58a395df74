public import UserFacing

/// Why a sync stopped. Every case says whether anything changed and keeps the error that caused
/// it as thrown (`cause`), so a caller can still ask what kind of failure it was (`cause as?
/// S3Error`); only the cause's user-facing text is ever shown (`describe`), never its payload.
public enum SyncError: UserFacingError, Sendable, CustomStringConvertible {
    /// The bucket listing (or a HEAD of `--verify-types`) failed part-way: nothing was changed.
    case listingFailed(cause: any Error)
    /// Reading the catalog failed part-way: nothing was changed.
    case catalogFailed(cause: any Error)
    /// Applying failed after `done` of `total` changes (the rest converge on the next run).
    case applyFailed(cause: any Error, done: Int, total: Int)
    /// The catalog's sync lock could not be taken: held by another sync (the store's message
    /// names the holder and its expiry; its hint says how to wait), or the attempt failed.
    case locked(cause: any Error)

    /// The error this one wraps, with its own type.
    public var cause: any Error {
        switch self {
        case .listingFailed(let e), .catalogFailed(let e), .applyFailed(let e, _, _), .locked(let e): e
        }
    }

    /// Describes an underlying error without leaking payloads that may hold secrets: a
    /// user-facing error's own (scrubbed) text and status, else only its type's name.
    public static func describe(_ error: any Error) -> (LocalizedText, ExitStatus) {
        if let e = error as? any UserFacingError {
            return (LocalizedText(en: e.localizedMessage(.en), ptBR: e.localizedMessage(.ptBR)), e.exitStatus)
        }
        return (LocalizedText("\(type(of: error))"), .config)
    }

    /// The message: the step that failed, quoting the cause's own user-facing text.
    public var message: LocalizedText { LocalizedText(composing: text) }
    public var hintText: LocalizedText? { LocalizedText(composing: hintString) }

    private func text(_ l: Language) -> String {
        let m = Self.describe(cause).0.resolve(l)
        return switch self {
        case .listingFailed: LocalizedText.syncListFailed(m).resolve(l)
        case .catalogFailed: LocalizedText.syncCatalogFailed(m).resolve(l)
        case .applyFailed(_, let done, let total): LocalizedText.syncApplyFailed(m, done: done, total: total).resolve(l)
        case .locked: m
        }
    }

    private func hintString(_ l: Language) -> String {
        switch self {
        case .listingFailed, .catalogFailed: LocalizedText.syncReadHint.resolve(l)
        case .applyFailed: LocalizedText.syncApplyHint.resolve(l)
        case .locked(let e): (e as? any UserFacingError)?.localizedHint(l) ?? LocalizedText.syncLockHint.resolve(l)
        }
    }

    /// The message, never the cause's fields (which may hold a url with a token).
    public var description: String { userMessage }

    /// Reading failures are connection/configuration errors (3) unless the store says otherwise;
    /// a held lock is a refusal (4).
    public var exitStatus: ExitStatus {
        switch self {
        case .listingFailed(let e), .catalogFailed(let e), .applyFailed(let e, _, _): Self.describe(e).1
        case .locked: .refused
        }
    }
}
