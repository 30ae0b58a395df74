internal import CCurl

/// A libcurl failure: the transfer did not produce an HTTP response.
///
/// `kind` groups curl's many codes into what a caller acts on (retry? which hint?). `detail`
/// is curl's own text (its error buffer, which names host and port but never the URL query, so
/// presigned signatures cannot leak through it).
public struct CurlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, at the level callers decide on.
    public enum Kind: Sendable, Hashable {
        /// The server refused or did not answer the TCP connect.
        case connectionFailed
        /// The host name did not resolve.
        case dnsFailure
        /// TLS handshake or certificate verification failed.
        case tls
        /// Connect timeout or the low-speed limit tripped.
        case timeout
        /// The connection broke while sending or receiving.
        case connectionLost
        /// A local file could not be read or written.
        case localFile
        /// The response body exceeded the in-memory limit.
        case responseTooLarge
        /// Anything else (bad option, out of memory, protocol error…).
        case other
    }

    /// The group this failure belongs to.
    public var kind: Kind
    /// The raw `CURLcode` (0 for failures raised by the HTTP layer itself).
    public var code: Int
    /// curl's explanation, e.g. "Failed to connect to 127.0.0.1 port 1: Connection refused".
    public var detail: String

    /// True when a retry may succeed (the network, not the request, failed).
    public var isTransient: Bool {
        switch kind {
        case .connectionFailed, .timeout, .connectionLost: true
        case .dnsFailure, .tls, .localFile, .responseTooLarge, .other: false
        }
    }

    public var description: String { "curl error \(code): \(detail)" }
}

extension CurlError {
    /// Builds the error for a failed `CURLcode`, preferring the easy handle's error buffer text.
    init(_ code: CURLcode, buffer: String?) {
        let text = buffer.flatMap { $0.isEmpty ? nil : $0 } ?? String(cString: curl_easy_strerror(code))
        self.init(kind: Self.kind(of: code), code: Int(code.rawValue), detail: text)
    }

    /// Builds the error for a failed `CURLMcode` (multi-handle misuse; never transient).
    init(multi code: CURLMcode) {
        self.init(kind: .other, code: Int(code.rawValue), detail: String(cString: curl_multi_strerror(code)))
    }

    static func kind(of code: CURLcode) -> Kind {
        switch code {
        case CURLE_COULDNT_CONNECT: .connectionFailed
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .dnsFailure
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_ENGINE_NOTFOUND:
            .tls
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            .connectionLost
        case CURLE_READ_ERROR, CURLE_WRITE_ERROR, CURLE_FILE_COULDNT_READ_FILE: .localFile
        default: .other
        }
    }
}
