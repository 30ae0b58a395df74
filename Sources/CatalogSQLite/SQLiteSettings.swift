public import UserFacing

/// The SQLite catalog's setting: `R2S_SQLITE_PATH`, else `catalog.sqlite` in the profile's
/// local folder (created on first use, so the embedded `local` profile needs no set-up).
public struct SQLiteSettings: Sendable, Equatable {
    /// The database file.
    public var path: String

    /// - Parameter localDirectory: the profile's local folder (`R2S_LOCAL_DIR` or its default).
    public init(_ values: SettingValues, localDirectory: String) {
        path = values["R2S_SQLITE_PATH"] ?? localDirectory + "/catalog.sqlite"
    }
}
