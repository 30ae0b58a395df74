public import UserFacing

/// Why a sync stopped. Every case says whether anything changed.
public enum SyncError: UserFacingError, Sendable {
    /// The bucket listing failed part-way: nothing was changed.
    case listingFailed(underlying: LocalizedText, status: ExitStatus)
    /// Reading the catalog failed part-way: nothing was changed.
    case catalogFailed(underlying: LocalizedText, status: ExitStatus)
    /// Applying failed after `done` of `total` changes (the rest converge on the next run).
    case applyFailed(underlying: LocalizedText, done: Int, total: Int, status: ExitStatus)
    /// The catalog's sync lock is held by another sync (the store's message names the holder
    /// and its expiry; its hint says how to wait).
    case locked(underlying: LocalizedText, hint: LocalizedText?)

    /// Describes an underlying error without leaking payloads that may hold secrets.
    public static func describe(_ error: any Error) -> (LocalizedText, ExitStatus) {
        if let e = error as? any UserFacingError {
            return (LocalizedText(en: e.localizedMessage(.en), ptBR: e.localizedMessage(.ptBR)), e.exitStatus)
        }
        return (LocalizedText("\(type(of: error))"), .config)
    }

    public var message: LocalizedText {
        switch self {
        case .listingFailed(let m, _): LocalizedText { LocalizedText.syncListFailed(m.resolve($0)).resolve($0) }
        case .catalogFailed(let m, _): LocalizedText { LocalizedText.syncCatalogFailed(m.resolve($0)).resolve($0) }
        case .applyFailed(let m, let done, let total, _):
            LocalizedText { LocalizedText.syncApplyFailed(m.resolve($0), done: done, total: total).resolve($0) }
        case .locked(let m, _): m
        }
    }

    public var hintText: LocalizedText? {
        switch self {
        case .listingFailed, .catalogFailed: .syncReadHint
        case .applyFailed: .syncApplyHint
        case .locked(_, let hint): hint ?? .syncLockHint
        }
    }


    /// Reading failures are connection/configuration errors (3) unless the store says otherwise;
    /// a held lock is a refusal (4).
    public var exitStatus: ExitStatus {
        switch self {
        case .listingFailed(_, let s), .catalogFailed(_, let s), .applyFailed(_, _, _, let s): s
        case .locked: .refused
        }
    }
}
