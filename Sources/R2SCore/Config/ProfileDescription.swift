import Synchronization

/// What the storage side says about a profile, for the shell to print (`profile show`,
/// `profile ls`) and for commands that name the bucket or table in their output. The shell core
/// parses no store's settings: each store's parser lives beside the store, and the executable
/// installs a `ProfileDescriber` (the `Backends` table) at startup, which parses a profile through
/// them and answers with this.
public struct ProfileDescription: Sendable, Equatable {
    /// The value `profile show` prints for a setting the profile leaves unset, with its origin
    /// word (`derived`, `default`, or `-` for none).
    public struct Implied: Sendable, Equatable {
        public var value: String?
        public var origin: String

        public init(_ value: String?, origin: String) {
            self.value = value
            self.origin = origin
        }
    }

    public var profileName: String
    /// `R2_BUCKET`, when set.
    public var bucket: String?
    /// Where a server bucket is reached; `nil` when the profile's bucket is the local folder.
    public var endpoint: String?
    /// The catalog backend's kind (`postgres`, `postgrest`, `sqlite`).
    public var catalogKind: String
    /// The catalog table.
    public var table: String
    /// Setting name → what an unset setting amounts to.
    public var implied: [String: Implied]

    public init(
        profileName: String, bucket: String?, endpoint: String?, catalogKind: String, table: String,
        implied: [String: Implied]
    ) {
        self.profileName = profileName
        self.bucket = bucket
        self.endpoint = endpoint
        self.catalogKind = catalogKind
        self.table = table
        self.implied = implied
    }

    /// The bucket name, or a `missingValue` error naming `R2_BUCKET`.
    public func requireBucket() throws -> String {
        guard let bucket else { throw SettingValues(profileName: profileName, values: [:]).missing("R2_BUCKET") }
        return bucket
    }
}

/// Parses a profile through the stores' own settings parsers (installed by the executable; the
/// shell core cannot name a store).
public protocol ProfileDescriber: Sendable {
    /// Reads and validates `profile`.
    ///
    /// - Throws: the `ConfigError` of the first bad setting.
    func describe(_ profile: Profile) throws -> ProfileDescription

    /// What unset settings amount to when `profile` does not parse (`profile show` still lists
    /// every setting, then reports the error).
    func impliedWhenInvalid(_ profile: Profile) -> [String: ProfileDescription.Implied]
}

/// The process's profile describer: the hook the executable fills at startup, before any
/// command runs. Without one (a shell built from the core alone), profiles are shown as they are
/// written and `ShellContext.profileDescription()` is `nil`.
public enum ProfileDescriptions {
    private static let installed = Mutex<(any ProfileDescriber)?>(nil)

    /// Installs `describer` (the last installation wins; installing the same one again is harmless).
    public static func install(_ describer: any ProfileDescriber) {
        installed.withLock { $0 = describer }
    }

    /// The installed describer, if any.
    public static var describer: (any ProfileDescriber)? { installed.withLock { $0 } }
}
