internal import Digests
internal import HTTP
public import ObjectStore
internal import SigV4
import Synchronization

extension S3Client {
    /// PutObject from a file (Content-Type always sent, Content-MD5 for integrity), or a multipart
    /// upload when the file is larger than `multipartThreshold`. The file is streamed, never
    /// loaded whole.
    @discardableResult
    public func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?)
        async throws -> ObjectInfo
    {
        let size = try LocalFiles.size(of: path)
        if size > configuration.multipartThreshold {
            return try await multipartUpload(path, size: size, to: key, contentType: contentType, progress: progress)
        }
        var op = operation("PutObject", "PUT", key: key)
        let (md5, payloadHash) = try digests(path, offset: 0, length: size, op)
        op.headers = [SigV4Field("Content-Type", contentType), SigV4Field("Content-MD5", md5)]
        op.body = .file(path: path, offset: 0, length: size)
        op.payloadHash = payloadHash
        op.progress = progress
        let response = try await sendChecked(op)
        return ObjectInfo(key: key, size: size, etag: response.header("etag").map(ETag.unquote), contentType: contentType)
    }

    /// Base64 MD5 and the SigV4 payload hash of a file range, in one pass over the bytes.
    func digests(_ path: String, offset: Int64, length: Int64, _ op: Operation) throws(S3Error) -> (md5: String, payload: String) {
        let signed = configuration.payloadSigning == .signed
        do {
            let d = try Digests.file(path, offset: offset, length: length, algorithms: signed ? [.md5, .sha256] : [.md5])
            return (Digests.base64(d[.md5] ?? []), signed ? Digests.hex(d[.sha256] ?? []) : SigV4Signer.unsignedPayload)
        } catch {
            throw S3Error(.localFile, detail: error.detail, operation: op.name, key: op.key)
        }
    }

    /// The part size for a `size`-byte upload: the preferred size (≥ 5 MiB), raised to a whole
    /// MiB when needed so the upload fits in 10,000 parts. All parts but the last are this size.
    public static func partSize(for size: Int64, preferred: Int64) -> Int64 {
        var part = max(preferred, S3Configuration.minimumPartSize)
        let maxParts = S3Configuration.maximumParts
        if (size + part - 1) / part > maxParts {
            let needed = (size + maxParts - 1) / maxParts
            part = (needed + (1 << 20) - 1) / (1 << 20) * (1 << 20)
        }
        return part
    }

    /// CreateMultipartUpload → parallel UploadPart → CompleteMultipartUpload; aborted on any
    /// failure or cancellation so no invisible parts are left behind.
    func multipartUpload(_ path: String, size: Int64, to key: String, contentType: String, progress: TransferProgress?)
        async throws -> ObjectInfo
    {
        let partSize = Self.partSize(for: size, preferred: configuration.partSize)
        let partCount = Int((size + partSize - 1) / partSize)
        guard partSize <= 5 << 30 else {
            throw S3Error(.invalidArgument("\(path) is too large for S3 (\(size) bytes)"), key: key)
        }
        let uploadID = try await createMultipart(key: key, contentType: contentType)
        do {
            let tracker = progress.map { PartProgress(parts: partCount, report: $0, total: size) }
            let etags = try await uploadParts(
                path, size: size, partSize: partSize, count: partCount, key: key, uploadID: uploadID, tracker: tracker)
            let etag = try await completeMultipart(key: key, uploadID: uploadID, etags: etags)
            return ObjectInfo(key: key, size: size, etag: etag, contentType: contentType)
        } catch {
            // Abort in a fresh task: this one may be cancelled, and the abort must still go out.
            let abortTask = Task { try? await self.abortMultipart(key: key, uploadID: uploadID) }
            await abortTask.value
            throw error
        }
    }

    /// Uploads all parts, at most `partConcurrency` at a time; returns the ETags in part order.
    private func uploadParts(
        _ path: String, size: Int64, partSize: Int64, count: Int, key: String, uploadID: String, tracker: PartProgress?
    ) async throws -> [String] {
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var etags = [String](repeating: "", count: count)
            var next = 1
            func addPart(_ number: Int) {
                let offset = Int64(number - 1) * partSize
                let length = min(partSize, size - offset)
                group.addTask {
                    let etag = try await self.uploadPart(
                        path, offset: offset, length: length, number: number, key: key, uploadID: uploadID, tracker: tracker)
                    return (number, etag)
                }
            }
            while next <= min(count, max(1, configuration.partConcurrency)) {
                addPart(next)
                next += 1
            }
            while let (number, etag) = try await group.next() {
                etags[number - 1] = etag
                if next <= count {
                    addPart(next)
                    next += 1
                }
            }
            return etags
        }
    }

    private func uploadPart(
        _ path: String, offset: Int64, length: Int64, number: Int, key: String, uploadID: String, tracker: PartProgress?
    ) async throws -> String {
        var op = operation("UploadPart", "PUT", key: key)
        let (md5, payloadHash) = try digests(path, offset: offset, length: length, op)
        op.query = [SigV4Field("partNumber", String(number)), SigV4Field("uploadId", uploadID)]
        op.headers = [SigV4Field("Content-MD5", md5)]
        op.body = .file(path: path, offset: offset, length: length)
        op.payloadHash = payloadHash
        if let tracker { op.progress = { done, _ in tracker.update(part: number, done: done) } }
        let response = try await sendChecked(op)
        guard let etag = response.header("etag"), !etag.isEmpty else {
            throw S3Error(.invalidResponse("UploadPart \(number) returned no ETag"), operation: op.name, key: key)
        }
        return etag
    }

    private func completeMultipart(key: String, uploadID: String, etags: [String]) async throws -> String? {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for (i, etag) in etags.enumerated() {
            xml += "<Part><PartNumber>\(i + 1)</PartNumber><ETag>\(XMLEscaping.escape(etag))</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        var op = try xmlOperation("CompleteMultipartUpload", key: key, xml: xml)
        op.query = [SigV4Field("uploadId", uploadID)]
        let response = try await sendChecked(op)
        // A 200 may still carry an <Error> (the server fails while assembling the parts).
        let root = try parseXML(response, op)
        if root.name == "Error" { throw serviceError(response, op) }
        return root.value("ETag").map(ETag.unquote)
    }

    /// CreateMultipartUpload: the new upload's id.
    func createMultipart(key: String, contentType: String) async throws -> String {
        var create = operation("CreateMultipartUpload", "POST", key: key)
        create.query = [SigV4Field("uploads", "")]
        create.headers = [SigV4Field("Content-Type", contentType)]
        let created = try parseXML(try await sendChecked(create), create)
        guard let uploadID = created.value("UploadId"), !uploadID.isEmpty else {
            throw S3Error(.invalidResponse("CreateMultipartUpload returned no UploadId"), operation: create.name, key: key)
        }
        return uploadID
    }

    func abortMultipart(key: String, uploadID: String) async throws {
        var op = operation("AbortMultipartUpload", "DELETE", key: key)
        op.query = [SigV4Field("uploadId", uploadID)]
        let response = try await send(op)
        guard response.isSuccess || response.status == 404 else { throw serviceError(response, op) }
    }

    /// A POST with a small XML body: Content-Type, Content-MD5 and the body's SHA-256.
    func xmlOperation(_ name: String, key: String?, xml: String) throws(S3Error) -> Operation {
        var op = operation(name, "POST", key: key)
        let body = Array(xml.utf8)
        do {
            op.headers = [
                SigV4Field("Content-Type", "application/xml"),
                SigV4Field("Content-MD5", Digests.base64(try Digests.md5(body))),
            ]
            op.payloadHash = Digests.hex(try Digests.sha256(body))
        } catch {
            throw S3Error(.invalidArgument("cannot hash the request: \(error.detail)"), operation: name)
        }
        op.body = .bytes(body)
        return op
    }
}

/// Sums per-part progress into one report for the whole file.
final class PartProgress: Sendable {
    private let done: Mutex<[Int64]>
    private let report: TransferProgress
    private let total: Int64

    init(parts: Int, report: @escaping TransferProgress, total: Int64) {
        done = Mutex([Int64](repeating: 0, count: parts + 1))
        self.report = report
        self.total = total
    }

    func update(part: Int, done bytes: Int64) {
        let sum = done.withLock { d in
            d[part] = bytes
            return d.reduce(0, +)
        }
        report(sum, total)
    }
}
