import FoundationEssentials
public import ObjectStore
internal import SigV4

extension S3Client {
    /// ListMultipartUploads, every page: the uploads started and neither completed nor aborted
    /// (a `kill -9` during a multipart upload leaves one; its parts are stored and billed).
    /// Keys ask for `encoding-type=url` like the object listing; at most 100,000 uploads are read
    /// so a bucket full of them cannot exhaust memory.
    public func incompleteUploads(prefix: String) async throws -> [IncompleteUpload] {
        var out: [IncompleteUpload] = []
        var markers: (key: String, id: String)?
        while out.count < Self.maxIncompleteUploads {
            var op = operation("ListMultipartUploads", "GET")
            op.query = [SigV4Field("uploads", ""), SigV4Field("encoding-type", "url")]
            if !prefix.isEmpty { op.query.append(SigV4Field("prefix", prefix)) }
            if let markers {
                op.query.append(SigV4Field("key-marker", markers.key))
                op.query.append(SigV4Field("upload-id-marker", markers.id))
            }
            let root = try parseXML(try await sendChecked(op), op)
            guard root.name == "ListMultipartUploadsResult" else {
                throw S3Error(.invalidResponse("expected ListMultipartUploadsResult, got \(root.name)"), operation: op.name)
            }
            let page = try IncompleteUploadsResult.decode(root, operation: op.name)
            out += page.uploads
            guard let next = page.next else { break }
            // A marker that does not move would loop forever on a misbehaving server.
            guard markers.map({ $0 != next }) ?? true else {
                throw S3Error(.invalidResponse("ListMultipartUploads returned the same markers twice"), operation: op.name)
            }
            markers = next
        }
        return out
    }

    /// AbortMultipartUpload: the upload and its stored parts are removed (already gone is fine).
    public func abortIncompleteUpload(_ upload: IncompleteUpload) async throws {
        try await abortMultipart(key: upload.key, uploadID: upload.uploadID)
    }

    static let maxIncompleteUploads = 100_000
}

/// Decoding of a ListMultipartUploadsResult document.
enum IncompleteUploadsResult {
    static func decode(_ root: XMLNode, operation: String) throws(S3Error) -> (uploads: [IncompleteUpload], next: (key: String, id: String)?) {
        let encoded = root.value("EncodingType")?.lowercased() == "url"
        func key(_ raw: String) -> String { encoded ? FormDecoding.decode(raw) : raw }
        var uploads: [IncompleteUpload] = []
        for node in root.children("Upload") {
            guard let rawKey = node.value("Key"), let id = node.value("UploadId"), !id.isEmpty else {
                throw S3Error(.invalidResponse("an Upload entry lacks Key or UploadId"), operation: operation)
            }
            uploads.append(IncompleteUpload(
                key: key(rawKey), uploadID: id, initiated: node.value("Initiated").flatMap(S3Dates.parseISO8601)))
        }
        guard root.value("IsTruncated")?.lowercased() == "true" else { return (uploads, nil) }
        guard let nextKey = root.value("NextKeyMarker"), let nextID = root.value("NextUploadIdMarker"),
            !nextKey.isEmpty || !nextID.isEmpty
        else {
            throw S3Error(.invalidResponse("the upload listing is truncated but has no next markers"), operation: operation)
        }
        return (uploads, (key(nextKey), nextID))
    }
}
