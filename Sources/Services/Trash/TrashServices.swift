public import R2SCore

/// What commands need to reach the active profile's trash; implemented by the executable's
/// wiring beside `StorageServices` (a module's services without it have no trash).
public protocol TrashServices: Sendable {
    /// The profile's trash, or `nil` when it has none (`R2S_TRASH` unset on S3, or `none`).
    /// Throws a `UserFacingError` when the settings name a trash that cannot be used.
    func trash(_ context: ShellContext) throws -> Trash?

    /// Creates the trash bucket `name` (or accepts it when it already exists and is yours).
    func createTrashBucket(_ name: String, _ context: ShellContext) async throws
}
