internal import Digests

/// A name/value pair: a header or a query parameter (raw, unencoded).
public struct SigV4Field: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// AWS Signature Version 4 for S3, split into the steps the spec names so each can be tested
/// against the published examples: canonical request → string to sign → signing key → signature.
///
/// S3 rules apply: the path is encoded once per segment keeping `/`, never normalised; payloads
/// are hashed by the caller (file SHA-256) or declared `UNSIGNED-PAYLOAD`.
public struct SigV4Signer: Sendable, CustomStringConvertible {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// `x-amz-content-sha256` for a body that is not hashed (presigned URLs, or by choice over TLS).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of the empty body.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public let credentials: SigV4Credentials
    /// `auto` for R2; any region for SeaweedFS; the bucket's region for AWS.
    public let region: String
    public let service: String

    public init(credentials: SigV4Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    public var description: String { "SigV4Signer(\(credentials.accessKeyID), \(region)/\(service))" }

    // MARK: step 1: canonical request

    /// `UriEncode`d, sorted query: `name=value` pairs joined by `&` (a valueless parameter keeps
    /// its `=`), ordered by encoded name, then encoded value.
    public static func canonicalQuery(_ items: [SigV4Field]) -> String {
        items.map { (URIEncoding.encode($0.name), URIEncoding.encode($0.value)) }
            .sorted { a, b in
                a.0 == b.0 ? precedes(a.1, b.1) : precedes(a.0, b.0)
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Canonical header block (`name:value\n` each, names lower-cased and sorted, values trimmed
    /// with inner runs of spaces collapsed, repeated names joined by `,`) and the signed-header list.
    public static func canonicalHeaders(_ headers: [SigV4Field]) -> (block: String, signed: String) {
        var merged: [String: [String]] = [:]
        for h in headers { merged[h.name.lowercased(), default: []].append(collapse(h.value)) }
        let names = merged.keys.sorted(by: precedes)
        let block = names.map { "\($0):\(merged[$0, default: []].joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }

    /// The canonical request: method, canonical URI (the raw path encoded by `URIEncoding.encodePath`),
    /// canonical query, canonical headers, signed headers, payload hash; newline separated.
    public static func canonicalRequest(
        method: String, path: String, query: [SigV4Field], headers: [SigV4Field], payloadHash: String
    ) -> String {
        let (block, signed) = canonicalHeaders(headers)
        return [method.uppercased(), URIEncoding.encodePath(path), canonicalQuery(query), block, signed, payloadHash]
            .joined(separator: "\n")
    }

    // MARK: step 2: string to sign

    /// `<date>/<region>/<service>/aws4_request`.
    public func scope(_ time: SigV4Timestamp) -> String {
        "\(time.dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// Algorithm, timestamp, scope and the hex SHA-256 of the canonical request.
    public func stringToSign(canonicalRequest: String, time: SigV4Timestamp) throws(SigV4Error) -> String {
        let hash = try Self.hex(Digests.sha256(canonicalRequest))
        return [Self.algorithm, time.amzDate, scope(time), hash].joined(separator: "\n")
    }

    // MARK: step 3: signing key

    /// HMAC chain `"AWS4"+secret` → date → region → service → `aws4_request`.
    public func signingKey(dateStamp: String) throws(SigV4Error) -> [UInt8] {
        do {
            var key = try Digests.hmacSHA256(key: Array(("AWS4" + credentials.secretAccessKey).utf8), dateStamp)
            key = try Digests.hmacSHA256(key: key, region)
            key = try Digests.hmacSHA256(key: key, service)
            return try Digests.hmacSHA256(key: key, "aws4_request")
        } catch {
            throw .digest(error.detail)
        }
    }

    // MARK: step 4: signature

    /// Hex HMAC-SHA256 of the string to sign under the day's signing key.
    public func signature(stringToSign: String, time: SigV4Timestamp) throws(SigV4Error) -> String {
        let key = try signingKey(dateStamp: time.dateStamp)
        do {
            return Digests.hex(try Digests.hmacSHA256(key: key, stringToSign))
        } catch {
            throw .digest(error.detail)
        }
    }

    // MARK: helpers

    private static func hex(_ compute: @autoclosure () throws(DigestError) -> [UInt8]) throws(SigV4Error) -> String {
        do {
            return Digests.hex(try compute())
        } catch {
            throw .digest(error.detail)
        }
    }

    /// Byte-wise (not Unicode) ordering, as the spec sorts.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Trims leading/trailing spaces and collapses inner runs of spaces to one.
    static func collapse(_ value: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in value {
            if ch == " " || ch == "\t" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        return out
    }
}
