internal import COpenSSL

/// A hash algorithm r2s uses.
public enum DigestAlgorithm: Sendable, Hashable, CaseIterable {
    /// SigV4 payload and request hashes.
    case sha256
    /// `Content-MD5` and S3 ETags.
    case md5

    var evp: OpaquePointer? {
        switch self {
        case .sha256: EVP_sha256()
        case .md5: EVP_md5()
        }
    }
}

/// An incremental digest (SHA-256 or MD5) over OpenSSL's EVP API, for data that arrives in pieces
/// (files streamed in chunks). Owns its `EVP_MD_CTX`, freed in `deinit`.
public final class DigestContext {
    public let algorithm: DigestAlgorithm
    private let context: OpaquePointer
    private var finished = false

    public init(_ algorithm: DigestAlgorithm) throws(DigestError) {
        self.algorithm = algorithm
        guard let ctx = EVP_MD_CTX_new() else { throw DigestError(.openssl, "EVP_MD_CTX_new failed") }
        context = ctx
        guard EVP_DigestInit_ex(ctx, algorithm.evp, nil) == 1 else {
            EVP_MD_CTX_free(ctx)
            throw DigestError(.openssl, "EVP_DigestInit_ex failed")
        }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds raw bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) throws(DigestError) {
        guard !bytes.isEmpty else { return }
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
            throw DigestError(.openssl, "EVP_DigestUpdate failed")
        }
    }

    /// Feeds a byte array.
    public func update(_ bytes: [UInt8]) throws(DigestError) {
        let ok = bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) == 1 }
        guard ok else { throw DigestError(.openssl, "EVP_DigestUpdate failed") }
    }

    /// Feeds the UTF-8 bytes of `text`.
    public func update(_ text: String) throws(DigestError) {
        try update(Array(text.utf8))
    }

    /// The digest (32 bytes for SHA-256, 16 for MD5). The context is spent afterwards.
    public func finalize() throws(DigestError) -> [UInt8] {
        guard !finished else { throw DigestError(.openssl, "digest already finalized") }
        finished = true
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &out, &length) == 1 else {
            throw DigestError(.openssl, "EVP_DigestFinal_ex failed")
        }
        return Array(out[..<Int(length)])
    }

    /// The digest size in bytes for `algorithm`.
    public static func size(of algorithm: DigestAlgorithm) -> Int {
        Int(r2s_openssl_digest_size(algorithm.evp))
    }
}
