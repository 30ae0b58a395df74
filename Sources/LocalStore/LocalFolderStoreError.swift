#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the local-folder store. Messages name keys and paths (never secrets: the local
/// store has none); the `Services` target makes this a `UserFacingError`.
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

    /// One line for the operator, in English or Brazilian Portuguese.
    public func message(portuguese pt: Bool) -> String {
        let k = key.map { "'\($0)'" } ?? ""
        switch code {
        case .notFound:
            return pt ? "objeto \(k) não encontrado na pasta local" : "object \(k) not found in the local folder"
        case .invalidKey:
            return pt
                ? "chave inválida \(k): vazia ou com mais de 1024 bytes"
                : "invalid key \(k): empty or longer than 1024 bytes"
        case .invalidRange:
            return pt ? "intervalo fora do objeto \(k)" : "range is outside object \(k)"
        case .cannotPresign:
            return pt ? "o perfil local não tem URLs para pré-assinar" : "the local profile has no URLs to presign"
        case .io(let e):
            let op = operation ?? "i/o"
            return (pt ? "falha em \(op) de '\(path ?? "")': " : "\(op) failed on '\(path ?? "")': ") + Self.describe(e)
        case .sourceUnreadable(let e):
            return (pt ? "não foi possível ler '\(path ?? "")': " : "cannot read '\(path ?? "")': ") + Self.describe(e)
        }
    }

    /// The next step, when there is one.
    public func hint(portuguese pt: Bool) -> String? {
        switch code {
        case .cannotPresign:
            return pt
                ? "use um perfil R2/S3 (`profile use NOME`) para gerar URLs"
                : "switch to an R2/S3 profile (`profile use NAME`) to get URLs"
        case .notFound:
            return pt ? "confira a chave com `ls`" : "check the key with `ls`"
        case .io(let e) where e == ENOSPC:
            return pt ? "o disco está cheio" : "the disk is full"
        case .io(let e) where e == EACCES:
            return pt ? "confira as permissões da pasta local" : "check the local folder's permissions"
        default:
            return nil
        }
    }

    public var description: String { message(portuguese: false) }

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
