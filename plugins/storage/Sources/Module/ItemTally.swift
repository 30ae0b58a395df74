import R2SCore

/// Counts what happened to each item of a multi-item command (`upload a b c`, `rm x y`), prints
/// each failure naming its item as it happens, and gives the command's exit status:
/// 0 when every item succeeded, 5 (partial) when some failed, and the failure's own status when
/// every item failed.
final class ItemTally {
    private let context: ShellContext
    private(set) var succeeded = 0
    private(set) var failed = 0
    private var firstFailureStatus: ExitStatus?

    init(_ context: ShellContext) {
        self.context = context
    }

    func success() { succeeded += 1 }

    /// Prints `error: 'ITEM': message` (+ hint) on stderr and counts the failure.
    func failure(_ item: String, _ error: any Error) {
        failed += 1
        let wrapped = ItemError(item: item, underlying: error)
        let status = ErrorRenderer.render(wrapped, in: context)
        if firstFailureStatus == nil { firstFailureStatus = status }
    }

    var status: ExitStatus {
        if failed == 0 { return .ok }
        if succeeded == 0 { return firstFailureStatus ?? .failure }
        return .partial
    }
}

/// An error about one item: the item's name, then the underlying message and hint.
struct ItemError: UserFacingError {
    var item: String
    var underlying: any Error

    var message: LocalizedText {
        let name = "'" + item.replacingControlCharacters() + "': "
        let cause: LocalizedText =
            if let e = underlying as? any UserFacingError { e.message }
            else if underlying is CancellationError { .interrupted }
            else { .internalError(String(describing: type(of: underlying))) }
        return LocalizedText(en: name + cause.en, ptBR: name + cause.ptBR)
    }

    var hintText: LocalizedText? {
        (underlying as? any UserFacingError)?.hintText
    }

    var exitStatus: ExitStatus {
        if let e = underlying as? any UserFacingError { return e.exitStatus }
        if underlying is CancellationError { return .interrupted }
        return .failure
    }
}
