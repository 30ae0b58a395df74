internal import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// One-shot digests and HMAC over OpenSSL, plus hex/base64 helpers.
public enum Digests {
    /// SHA-256 of `bytes` (32 bytes).
    public static func sha256(_ bytes: [UInt8]) throws(DigestError) -> [UInt8] {
        try digest(.sha256, bytes)
    }

    /// SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256(_ text: String) throws(DigestError) -> [UInt8] {
        try digest(.sha256, Array(text.utf8))
    }

    /// MD5 of `bytes` (16 bytes).
    public static func md5(_ bytes: [UInt8]) throws(DigestError) -> [UInt8] {
        try digest(.md5, bytes)
    }

    /// One-shot digest of `bytes`.
    public static func digest(_ algorithm: DigestAlgorithm, _ bytes: [UInt8]) throws(DigestError) -> [UInt8] {
        let context = try DigestContext(algorithm)
        try context.update(bytes)
        return try context.finalize()
    }

    /// HMAC-SHA256 of `data` under `key` (32 bytes).
    public static func hmacSHA256(key: [UInt8], data: [UInt8]) throws(DigestError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // HMAC() treats a NULL key as "reuse the previous key"; an empty array may have a NULL
        // baseAddress, so an empty key is passed as one dummy byte with length 0.
        let keyLength = Int32(key.count)
        let keyBytes = key.isEmpty ? [0] : key
        let ok = keyBytes.withUnsafeBytes { k in
            data.withUnsafeBytes { d in
                HMAC(
                    EVP_sha256(), k.baseAddress, keyLength, d.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    d.count, &out, &length) != nil
            }
        }
        guard ok, length == 32 else { throw DigestError(.openssl, "HMAC(SHA-256) failed") }
        return Array(out[..<32])
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `text`.
    public static func hmacSHA256(key: [UInt8], _ text: String) throws(DigestError) -> [UInt8] {
        try hmacSHA256(key: key, data: Array(text.utf8))
    }

    /// Digests of `length` bytes of a file starting at `offset` (whole file when `length` is nil),
    /// computed in ONE streaming pass (1 MiB at a time, never the whole file in memory).
    public static func file(
        _ path: String, offset: Int64 = 0, length: Int64? = nil, algorithms: Set<DigestAlgorithm>
    ) throws(DigestError) -> [DigestAlgorithm: [UInt8]] {
        var contexts: [(DigestAlgorithm, DigestContext)] = []
        for algorithm in DigestAlgorithm.allCases where algorithms.contains(algorithm) {
            contexts.append((algorithm, try DigestContext(algorithm)))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw readError(path) }
        defer { close(fd) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var position = offset
        var remaining = length ?? Int64.max
        while remaining > 0 {
            let want = Int(min(Int64(chunk), remaining))
            let n = pread(fd, buffer.baseAddress, want, off_t(position))
            if n < 0 {
                if errno == EINTR { continue }
                throw readError(path)
            }
            if n == 0 {
                guard length == nil else { throw DigestError(.fileRead, "\(path) is shorter than expected") }
                break
            }
            for (_, context) in contexts { try context.update(UnsafeRawBufferPointer(rebasing: buffer[..<n])) }
            position += Int64(n)
            remaining -= Int64(n)
        }
        var result: [DigestAlgorithm: [UInt8]] = [:]
        for (algorithm, context) in contexts { result[algorithm] = try context.finalize() }
        return result
    }

    private static func readError(_ path: String) -> DigestError {
        DigestError(.fileRead, "cannot read \(path): \(String(cString: strerror(errno)))")
    }
}
