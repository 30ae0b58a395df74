import FoundationEssentials
public import ObjectStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded default profile's bucket: objects are files under a root folder.
///
/// Same semantics as S3 where callers can tell: listing in UTF-8 byte order with prefix,
/// delimiter, start-after and page size; content type and ETag kept per object; atomic writes;
/// deleting a missing key succeeds. Keys map to paths as `LocalKeyCodec` describes, so ordinary
/// keys are ordinary files and every S3-legal key round-trips.
///
/// **ETag** = MD5 hex of the content, computed while the file is copied in: the value S3 gives a
/// single-part object, so sync and `check` compare both stores with one rule. Files changed
/// behind r2s's back get their MD5 recomputed on `head` (listings report `nil` for them).
///
/// **Writes** go to a `%tmp-…` file in the target folder, are fsync'ed, then renamed over the
/// target (the sidecar likewise, after the data); a crash leaves the old object or the new one,
/// plus perhaps an unlisted temp file. One writer per key at a time is assumed (as R2's ~1
/// write/s per key makes it in practice); concurrent writers to *different* keys are safe.
///
/// I/O is blocking POSIX, in chunks of `chunkSize`: files are never held in memory whole.
public struct LocalFolderStore: ObjectStore {
    /// The folder holding the objects (absolute or relative, without trailing slash).
    public let root: String
    /// Bytes per read/write when streaming.
    public static let chunkSize = 1 << 20

    /// Opens (creating if needed, with parents) the folder at `root`.
    public init(root: String) throws {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
        try Self.makeDirectories(r)
    }

    public var displayName: String { "local:" + root }

    // MARK: - ObjectStore

    public func head(_ key: String) async throws -> ObjectInfo? {
        try Self.validate(key)
        guard let loc = try locate(key), let status = try LocalFS.status(loc.path), status.kind == .file else {
            return nil
        }
        let meta = LocalSidecar.read(loc.metaPath).flatMap { $0.describes(status) ? $0 : nil }
        let etag = try meta?.etag ?? Self.md5(ofFile: loc.path)
        return ObjectInfo(
            key: key, size: status.size, lastModified: Self.date(status.mtimeNanos), etag: etag,
            contentType: meta?.contentType ?? MediaTypes.type(forKey: key))
    }

    @discardableResult
    public func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?)
        async throws -> ObjectInfo
    {
        guard let info = try await head(key), let loc = try locate(key) else {
            throw LocalFolderStoreError(.notFound, key: key)
        }
        var span: ClosedRange<Int64>? = nil
        if let range {
            // S3: a range starting past the end is 416 InvalidRange; an end past it is clamped.
            guard range.lowerBound < info.size else { throw LocalFolderStoreError(.invalidRange, key: key) }
            span = range.lowerBound...min(range.upperBound, info.size - 1)
        }
        let temp = Self.siblingTempPath(for: path)
        do {
            _ = try Self.stream(from: loc.path, range: span, to: temp, hashing: false, progress: progress)
            try LocalFS.rename(temp, path)
        } catch {
            _ = try? LocalFS.remove(temp)
            throw error
        }
        return info
    }

    @discardableResult
    public func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?)
        async throws -> ObjectInfo
    {
        try Self.validate(key)
        return try write(key, from: path, contentType: contentType, sourceIsCaller: true, progress: progress)
    }

    public func delete(_ key: String) async throws {
        try Self.validate(key)
        guard let loc = try locate(key) else { return }
        try LocalFS.remove(loc.path)
        try LocalFS.remove(loc.metaPath)
        prune(from: loc.dir)
    }

    public func delete(keys: [String]) async throws -> [KeyFailure] {
        var failures: [KeyFailure] = []
        for key in keys {
            try Task.checkCancellation()
            do {
                try await delete(key)
            } catch let e as LocalFolderStoreError {
                failures.append(KeyFailure(key: key, code: Self.failureCode(e), message: e.description))
            }
        }
        return failures
    }

    public func copy(from source: String, to destination: String) async throws {
        try Self.validate(destination)
        guard let info = try await head(source), let loc = try locate(source) else {
            throw LocalFolderStoreError(.notFound, key: source)
        }
        try write(
            destination, from: loc.path, contentType: info.contentType ?? MediaTypes.type(forKey: source),
            sourceIsCaller: false, progress: nil)
    }

    public func presign(_ key: String, method: String, expires: Int) throws -> String {
        throw LocalFolderStoreError(.cannotPresign, key: key)
    }

    // MARK: - Writing

    /// Streams `source` into a temp file beside the target, then renames data and sidecar into place.
    @discardableResult
    private func write(
        _ key: String, from source: String, contentType: String, sourceIsCaller: Bool, progress: TransferProgress?
    ) throws -> ObjectInfo {
        // A concurrent delete may prune a folder between `prepare` and the write; try again then.
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try writeOnce(
                    key, from: source, contentType: contentType, sourceIsCaller: sourceIsCaller, progress: progress)
            } catch let e as LocalFolderStoreError where e.code == .io(errno: ENOENT) && e.operation == "create" {
                if attempt >= 3 { throw e }
            }
        }
    }

    private func writeOnce(
        _ key: String, from source: String, contentType: String, sourceIsCaller: Bool, progress: TransferProgress?
    ) throws -> ObjectInfo {
        let loc = try prepare(key)
        let temp = loc.dir + "/" + LocalFS.tempName()
        var metaTemp: String?
        do {
            let (status, etag) = try Self.stream(
                from: source, range: nil, to: temp, hashing: true, progress: progress, sourceIsCaller: sourceIsCaller)
            let sidecar = LocalSidecar(
                size: status.size, mtimeNanos: status.mtimeNanos, etag: etag ?? "", contentType: contentType)
            try LocalFS.makeDirectory(loc.dir + "/" + LocalKeyCodec.metaName)
            metaTemp = try sidecar.writeTemp(in: loc.dir + "/" + LocalKeyCodec.metaName)
            try LocalFS.rename(temp, loc.path)
            if let metaTemp { try LocalFS.rename(metaTemp, loc.metaPath) }
            return ObjectInfo(
                key: key, size: status.size, lastModified: Self.date(status.mtimeNanos), etag: etag,
                contentType: sidecar.contentType)
        } catch {
            _ = try? LocalFS.remove(temp)
            if let metaTemp { _ = try? LocalFS.remove(metaTemp) }
            throw error
        }
    }

    /// Copies `source` (or a byte range of it) into a new file `target`, fsync'ed; returns the new
    /// file's status and, when `hashing`, its MD5 hex.
    static func stream(
        from source: String, range: ClosedRange<Int64>?, to target: String, hashing: Bool,
        progress: TransferProgress?, sourceIsCaller: Bool = false
    ) throws -> (LocalFS.Status, String?) {
        let input = try LocalFile.openForReading(source, sourceError: sourceIsCaller)
        let total: Int64
        if let range { total = range.upperBound - range.lowerBound + 1 } else { total = try input.status().size }
        if let range { try input.seek(to: range.lowerBound) }
        let output = try LocalFile.createExclusive(target)
        var md5 = MD5()
        var done: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while done < total || range == nil {
            try Task.checkCancellation()
            let want = range == nil ? chunkSize : Int(min(Int64(chunkSize), total - done))
            let n = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            if hashing { md5.update(chunk) }
            try output.write(chunk)
            done += Int64(n)
            progress?(done, total)
        }
        try output.sync()
        let status = try output.status()
        try output.close()
        return (status, hashing ? md5.finalizeHex() : nil)
    }

    static func md5(ofFile path: String) throws -> String {
        let input = try LocalFile.openForReading(path)
        var md5 = MD5()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try input.read(into: buffer)
            if n == 0 { break }
            md5.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return md5.finalizeHex()
    }

    // MARK: - Helpers

    /// S3's rules: a key is 1…1,024 UTF-8 bytes.
    static func validate(_ key: String) throws {
        let n = key.utf8.count
        guard n > 0, n <= KeyMapping.maxKeyBytes else { throw LocalFolderStoreError(.invalidKey, key: key) }
    }

    static func date(_ nanos: Int64) -> Date {
        Date(timeIntervalSince1970: Double(nanos / 1_000_000_000) + Double(nanos % 1_000_000_000) / 1e9)
    }

    static func failureCode(_ e: LocalFolderStoreError) -> String {
        switch e.code {
        case .notFound: "NoSuchKey"
        case .invalidKey: "InvalidKey"
        case .invalidRange: "InvalidRange"
        case .cannotPresign: "NotImplemented"
        case .io, .sourceUnreadable: "InternalError"
        }
    }

    /// `dir/.name.r2s-XXXX.part` beside a caller's destination path.
    static func siblingTempPath(for path: String) -> String {
        let name = LocalFS.tempName().dropFirst(LocalKeyCodec.tempPrefix.count)
        guard let slash = path.lastIndex(of: "/") else { return ".\(path).r2s-\(name).part" }
        return String(path[...slash]) + "." + String(path[path.index(after: slash)...]) + ".r2s-\(name).part"
    }
}
