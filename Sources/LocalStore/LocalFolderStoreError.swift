#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UserFacing

/// A failure of the local-folder store. Messages name keys and paths (never secrets: the local
/// store has none). Its texts and exit statuses are in `LocalFolderStoreError+UserFacing.swift`.
public struct LocalFolderStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// The object does not exist (S3's `NoSuchKey`).
        case notFound
        /// The key cannot name an object (empty, longer than 1,024 bytes).
        case invalidKey
        /// A range that starts at or beyond the end of the object (S3's `InvalidRange`).
        case invalidRange
        /// The local profile has no urls to presign.
        case cannotPresign
        /// A file-system call failed with `errno`.
        case io(errno: Int32)
        /// The local source file of an upload does not exist or cannot be read.
        case sourceUnreadable(errno: Int32)
    }

    public var code: Code
    /// The object key concerned, if any.
    public var key: String?
    /// The file-system path concerned, if any (under the store's root, or the caller's file).
    public var path: String?
    /// The operation (`open`, `rename`, …) for `.io`.
    public var operation: String?

    public init(_ code: Code, key: String? = nil, path: String? = nil, operation: String? = nil) {
        self.code = code
        self.key = key
        self.path = path
        self.operation = operation
    }

    public var description: String { userMessage }

    /// Text for the errno values the store meets (`strerror` is not thread-safe).
    static func describe(_ e: Int32) -> String {
        switch e {
        case ENOENT: "no such file or directory"
        case EACCES: "permission denied"
        case ENOSPC: "no space left on device"
        case EEXIST: "file exists"
        case ENOTDIR: "not a directory"
        case EISDIR: "is a directory"
        case ENAMETOOLONG: "file name too long"
        case EROFS: "read-only file system"
        default: "errno \(e)"
        }
    }
}
