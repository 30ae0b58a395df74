import FoundationEssentials
internal import HTTP
public import ObjectStore
internal import SigV4

extension S3Client {
    /// HeadObject; `nil` on 404.
    public func head(_ key: String) async throws -> ObjectInfo? {
        let op = operation("HeadObject", "HEAD", key: key)
        let response = try await send(op)
        if response.status == 404 { return nil }
        guard response.isSuccess else { throw serviceError(response, op) }
        return Self.objectInfo(key: key, response)
    }

    /// GetObject into `path` via a temporary sibling file renamed into place on success (so a
    /// failed or cancelled download never leaves a partial file under the final name).
    @discardableResult
    public func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?)
        async throws -> ObjectInfo
    {
        var op = operation("GetObject", "GET", key: key)
        if let range { op.headers.append(SigV4Field("Range", "bytes=\(range.lowerBound)-\(range.upperBound)")) }
        let temporary = LocalFiles.temporarySibling(of: path)
        op.response = .file(path: temporary)
        op.progress = progress
        do {
            let response = try await send(op)
            guard response.isSuccess else { throw serviceError(response, op) }
            try LocalFiles.rename(temporary, to: path)
            return Self.objectInfo(key: key, response)
        } catch {
            LocalFiles.remove(temporary)
            throw error
        }
    }

    /// DeleteObject (a missing key is success, as in S3).
    public func delete(_ key: String) async throws {
        let op = operation("DeleteObject", "DELETE", key: key)
        let response = try await send(op)
        guard response.isSuccess || response.status == 404 else { throw serviceError(response, op) }
    }

    /// CopyObject within the bucket; metadata (content type) is copied (the default directive).
    public func copy(from source: String, to destination: String) async throws {
        var op = operation("CopyObject", "PUT", key: destination)
        op.headers.append(SigV4Field("x-amz-copy-source", copySource(source)))
        let response = try await send(op)
        // CopyObject can fail after a 200 has started: the body is then an <Error> document.
        guard response.isSuccess, (try? XMLParser.parse(response.body))?.name != "Error" else {
            var error = serviceError(response, op)
            if error.code == .noSuchKey { error.key = source }  // it is the source that is missing
            throw error
        }
    }

    /// `x-amz-copy-source`: `/bucket/key`, URL-encoded once per segment (keeps `/`).
    func copySource(_ key: String) -> String {
        URIEncoding.encode(configuration.bucket, keepSlash: false) + "/" + URIEncoding.encode(key, keepSlash: true)
    }

    /// A presigned URL (GET, PUT, DELETE or HEAD) valid for `expires` seconds (1 … 604,800).
    public func presign(_ key: String, method: String, expires: Int) throws -> String {
        let verb = method.uppercased()
        guard ["GET", "PUT", "DELETE", "HEAD"].contains(verb) else {
            throw S3Error(.invalidArgument("cannot presign \(method): only GET, PUT, DELETE and HEAD"))
        }
        guard SigV4Signer.presignExpiry.contains(expires) else {
            throw S3Error(.invalidArgument("presigned URL expiry must be 1…604800 seconds (got \(expires))"))
        }
        let (host, path) = location(bucket: configuration.bucket, key: key)
        let pathAndQuery = try signer.presign(SigV4Request(method: verb, host: host, path: path), expires: expires, date: clock())
        return "\(configuration.endpoint.scheme)://\(host)" + pathAndQuery
    }

    // MARK: buckets (tests and setup)

    /// CreateBucket for `name` (tests create one fresh bucket each).
    public func createBucket(_ name: String) async throws {
        var op = operation("CreateBucket", "PUT")
        op.bucket = name
        try await sendChecked(op)
    }

    /// DeleteBucket for `name` (must be empty).
    public func deleteBucket(_ name: String) async throws {
        var op = operation("DeleteBucket", "DELETE")
        op.bucket = name
        try await sendChecked(op)
    }

    /// Keys of multipart uploads started and not yet completed or aborted (ListMultipartUploads,
    /// first page). Used to verify that failed uploads clean up after themselves.
    public func pendingMultipartUploads() async throws -> [String] {
        var op = operation("ListMultipartUploads", "GET")
        op.query = [SigV4Field("uploads", "")]
        let root = try parseXML(try await sendChecked(op), op)
        return root.children("Upload").compactMap { $0.value("Key") }
    }

    // MARK: helpers

    /// Object metadata from HEAD/GET response headers. For a ranged GET the size is the whole
    /// object's (from Content-Range), not the range's.
    static func objectInfo(key: String, _ response: HTTPResponse) -> ObjectInfo {
        var size = response.header("content-length").flatMap { Int64($0) } ?? 0
        if let range = response.header("content-range"), let slash = range.lastIndex(of: "/"),
            let total = Int64(range[range.index(after: slash)...])
        {
            size = total
        }
        return ObjectInfo(
            key: key, size: size, lastModified: response.header("last-modified").flatMap(S3Dates.parseHTTPDate),
            etag: response.header("etag").map(ETag.unquote), contentType: response.header("content-type"))
    }
}
