public import FoundationEssentials

/// One object in a bucket, as listed or HEAD-ed.
public struct ObjectInfo: Sendable, Hashable {
    /// The object key (raw, NFC as stored; never URL-encoded).
    public var key: String
    /// Size in bytes.
    public var size: Int64
    /// Last modification time, when the store reports it.
    public var lastModified: Date?
    /// The ETag without quotes (`md5hex` or `md5hex-N` for multipart).
    public var etag: String?
    /// Content type; `nil` in listings (S3 does not list it), set by `head`.
    public var contentType: String?

    public init(key: String, size: Int64, lastModified: Date? = nil, etag: String? = nil, contentType: String? = nil) {
        self.key = key
        self.size = size
        self.lastModified = lastModified
        self.etag = etag
        self.contentType = contentType
    }
}

/// One page of a listing. Keys come in UTF-8 byte order, as S3 lists them.
public struct ObjectPage: Sendable {
    public var objects: [ObjectInfo]
    /// Folder-like prefixes when listing with a delimiter.
    public var commonPrefixes: [String]

    public init(objects: [ObjectInfo], commonPrefixes: [String] = []) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
    }
}

/// Options for a listing.
public struct ListOptions: Sendable {
    /// Only keys starting with this (raw byte prefix; callers add the `/` boundary).
    public var prefix: String
    /// Group keys by this delimiter (usually `/`) into `commonPrefixes`.
    public var delimiter: String?
    /// Start listing after this key.
    public var startAfter: String?
    /// Page size (S3 max-keys, ≤ 1,000).
    public var pageSize: Int

    public init(prefix: String = "", delimiter: String? = nil, startAfter: String? = nil, pageSize: Int = 1000) {
        self.prefix = prefix
        self.delimiter = delimiter
        self.startAfter = startAfter
        self.pageSize = pageSize
    }
}

/// Progress of a transfer: bytes done and total (when known). Called often; keep it cheap.
public typealias TransferProgress = @Sendable (_ done: Int64, _ total: Int64?) -> Void

/// A per-key failure of a batch delete.
public struct KeyFailure: Sendable, Hashable {
    public var key: String
    public var code: String
    public var message: String

    public init(key: String, code: String, message: String) {
        self.key = key
        self.code = code
        self.message = message
    }
}

/// A multipart upload that was started and neither completed nor aborted (its parts are stored
/// and billed, but no object exists): what a `kill -9` during a large upload leaves behind.
public struct IncompleteUpload: Sendable, Hashable {
    public var key: String
    public var uploadID: String
    /// When it was started, when the store says.
    public var initiated: Date?

    public init(key: String, uploadID: String, initiated: Date?) {
        self.key = key
        self.uploadID = uploadID
        self.initiated = initiated
    }
}

/// The bucket r2s works on: S3/R2 or a local folder. All keys are raw strings; encoding for the
/// wire is the implementation's business.
///
/// Errors thrown are typed (`ObjectStoreError` or an implementation's error adopting
/// `UserFacingError`). A listing that fails part-way **throws**: callers must never treat a
/// partial listing as complete.
public protocol ObjectStore: Sendable {
    /// Human description without secrets: `s3://bucket (http://127.0.0.1:18333)`, `local:/path`.
    var displayName: String { get }

    /// Streams the listing page by page; ends only when the store says the listing is complete.
    func list(_ options: ListOptions) -> AsyncThrowingStream<ObjectPage, any Error>

    /// Metadata of one object, or `nil` when it does not exist.
    func head(_ key: String) async throws -> ObjectInfo?

    /// Downloads an object (or a byte range) to a local file, atomically (temp file + rename).
    @discardableResult
    func download(_ key: String, to path: String, range: ClosedRange<Int64>?, progress: TransferProgress?)
        async throws -> ObjectInfo

    /// Uploads a local file. `contentType` is always stored. Large files go multipart.
    @discardableResult
    func upload(_ path: String, to key: String, contentType: String, progress: TransferProgress?)
        async throws -> ObjectInfo

    /// Deletes one object (missing objects are not an error, as in S3).
    func delete(_ key: String) async throws

    /// Deletes many objects; returns the per-key failures (empty when all went).
    func delete(keys: [String]) async throws -> [KeyFailure]

    /// Server-side copy (keeps content type).
    func copy(from source: String, to destination: String) async throws

    /// A presigned URL for `method` (GET/PUT/DELETE) valid for `expires` seconds; throws for
    /// stores that cannot presign (the local folder).
    func presign(_ key: String, method: String, expires: Int) throws -> String

    /// Multipart uploads under `prefix` that were started and never completed or aborted.
    func incompleteUploads(prefix: String) async throws -> [IncompleteUpload]

    /// Aborts one incomplete upload (its parts are deleted); one already gone is not an error.
    func abortIncompleteUpload(_ upload: IncompleteUpload) async throws

    /// The store's diagnostics facet (server clock, failure kinds) for `doctor`, `nil` for a
    /// store without a server. A wrapping store hands on its base's.
    var diagnostics: (any ObjectStoreDiagnostics)? { get }

    /// Whether listing key ranges concurrently pays (`RangeLister`): true where a page is a round
    /// trip (S3, R2); false where every listing walks everything anyway (the local folder).
    var listsRangesConcurrently: Bool { get }

    /// Runs `body` letting up to `requests` of this store's requests run at once, when the store
    /// bounds them lower (the S3 client's connection limit); the default just runs `body`.
    func withConcurrency<T: Sendable>(atLeast requests: Int, _ body: () async throws -> T) async throws -> T
}

extension ObjectStore {
    /// Stores without multipart uploads (the local folder) never have incomplete ones.
    public func incompleteUploads(prefix: String) async throws -> [IncompleteUpload] { [] }

    public func abortIncompleteUpload(_ upload: IncompleteUpload) async throws {}
}

extension ObjectStore {
    /// Collects a whole listing into memory (tests and small scopes only).
    public func listAll(_ options: ListOptions = ListOptions()) async throws -> [ObjectInfo] {
        var out: [ObjectInfo] = []
        for try await page in list(options) { out.append(contentsOf: page.objects) }
        return out
    }
}
