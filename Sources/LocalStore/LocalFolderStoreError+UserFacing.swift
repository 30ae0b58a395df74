public import UserFacing

/// The local store's errors, in the vocabulary the shell renders (`UserFacing`, never R2SCore).
extension LocalFolderStoreError: UserFacingError {
    public var userMessage: String { message(portuguese: false) }
    public var hint: String? { hint(portuguese: false) }
    public func localizedMessage(_ language: Language) -> String { message(portuguese: language == .ptBR) }
    public func localizedHint(_ language: Language) -> String? { hint(portuguese: language == .ptBR) }

    public var exitStatus: ExitStatus {
        switch code {
        case .notFound, .invalidRange, .io, .sourceUnreadable: .failure
        case .invalidKey, .cannotPresign: .usage
        }
    }
}
