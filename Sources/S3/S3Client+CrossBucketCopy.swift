internal import HTTP
internal import SigV4

extension S3Client {
    /// CopyObject from `sourceBucket` (same endpoint and account) into this client's bucket:
    /// the server-side copy between the main bucket and a trash bucket. Metadata (content type)
    /// is copied. A missing source throws `noSuchKey` naming the source key.
    public func copy(fromBucket sourceBucket: String, key source: String, to destination: String) async throws {
        var op = operation("CopyObject", "PUT", key: destination)
        op.headers.append(
            SigV4Field(
                "x-amz-copy-source",
                URIEncoding.encode(sourceBucket, keepSlash: false) + "/" + URIEncoding.encode(source, keepSlash: true)))
        let response = try await send(op)
        // CopyObject can fail after a 200 has started: the body is then an <Error> document.
        guard response.isSuccess, (try? XMLParser.parse(response.body))?.name != "Error" else {
            var error = serviceError(response, op)
            if error.code == .noSuchKey { error.key = source }
            throw error
        }
    }

    /// CreateBucket for `name`, accepting a bucket that already exists and is yours
    /// (`BucketAlreadyOwnedByYou`, or a HEAD that answers 200).
    public func createBucketIfNeeded(_ name: String) async throws {
        do {
            try await createBucket(name)
        } catch let error as S3Error {
            if case .service(let code) = error.code, code == "BucketAlreadyOwnedByYou" { return }
            var head = operation("HeadBucket", "HEAD")
            head.bucket = name
            if let response = try? await send(head), response.isSuccess { return }
            throw error
        }
    }
}
