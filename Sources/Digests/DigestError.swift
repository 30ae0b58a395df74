/// A digest could not be computed: libcrypto failed (allocation) or the input file could not be read.
public struct DigestError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// An OpenSSL call returned failure (names the function).
        case openssl
        /// Reading the input file failed.
        case fileRead
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }
}
