public import FoundationEssentials
public import ObjectStore
public import Scope

/// One listed object, reduced to what classification needs.
public struct IndexedObject: Sendable, Hashable {
    /// The key exactly as the bucket has it (may be NFD; new rows' urls use this spelling).
    public var key: String
    /// The canonical (NFC) key when it differs from `key` byte for byte.
    var storedCanonical: String?
    public var size: Int64
    private var modifiedSeconds: Double
    /// From HEAD with `--verify-types`, else from the extension table (may be nil).
    public var contentType: String?
    /// The object matched the scope.
    public var inScope: Bool

    public init(key: String, size: Int64, lastModified: Date?, contentType: String?, inScope: Bool) {
        self.key = key
        self.size = size
        modifiedSeconds = lastModified?.timeIntervalSince1970 ?? .nan
        self.contentType = contentType
        self.inScope = inScope
    }

    public var lastModified: Date? { modifiedSeconds.isNaN ? nil : Date(timeIntervalSince1970: modifiedSeconds) }
    /// The key rows are matched on.
    public var canonicalKey: String { storedCanonical ?? key }
}

/// The scoped listing, sorted by canonical key (UTF-8 byte order) for the merge with the
/// catalog. S3 lists in byte order already, so sorting is only needed when keys are not NFC.
public struct ObjectIndex: Sendable {
    /// The objects, sorted by canonical key once `sort()` ran.
    public internal(set) var entries: [IndexedObject] = []
    /// Objects listed (all, including out-of-scope ones under the listed prefixes).
    public var listed: Int { entries.count }
    private var sorted = true

    public init() {}

    /// Adds one listed object under its canonical key.
    public mutating func add(_ object: IndexedObject, canonicalKey: String) {
        var object = object
        object.storedCanonical = KeyOrder.same(canonicalKey, object.key) ? nil : canonicalKey
        if let last = entries.last, !KeyOrder.less(last.canonicalKey, canonicalKey) { sorted = false }
        entries.append(object)
    }

    /// Sorts by canonical key bytes (raw key bytes break ties). Cheap when already sorted.
    /// Appends another index's entries as they are (their canonical keys already set): the
    /// ranges of a parallel listing, joined in key order once every range is in.
    mutating func append(_ other: ObjectIndex) {
        if let last = entries.last, let first = other.entries.first, !KeyOrder.less(last.canonicalKey, first.canonicalKey) {
            sorted = false
        }
        sorted = sorted && other.sorted
        entries.append(contentsOf: other.entries)
    }

    public mutating func sort() {
        guard !sorted else { return }
        PermutationSort.sort(&entries, key: \.canonicalKey) { a, b in KeyOrder.less(a.key, b.key) }
        sorted = true
    }

    /// Objects in scope: the "objects" count.
    public var scopedObjects: Int { entries.count { $0.inScope } }

    /// Lists every prefix completely; throws (nothing kept) if any page fails.
    ///
    /// Each object's NFC key and media type are computed here, once: the scope is matched on
    /// them and the index is keyed by them (`add(listed:scope:)`).
    ///
    /// - Parameter pageDone: called after each page with the running count (progress, and a test hook).
    public static func read(
        store: any ObjectStore, prefixes: [String], pageSize: Int, scope: Scope, pageDone: (_ listed: Int) throws -> Void
    ) async throws -> ObjectIndex {
        var index = ObjectIndex()
        for prefix in prefixes {
            for try await page in store.list(ListOptions(prefix: prefix, pageSize: pageSize)) {
                try Task.checkCancellation()
                for info in page.objects { index.add(listed: info, scope: scope) }
                try pageDone(index.listed)
            }
        }
        index.sort()
        return index
    }

    /// Adds one listed (or HEAD-read) object: its type is the store's, else the extension
    /// table's (nil when unknown, so a new row gets a null `content_type`).
    public mutating func add(listed info: ObjectInfo, scope: Scope) {
        let (object, canonical) = Self.indexed(info, scope: scope)
        add(object, canonicalKey: canonical)
    }

    /// One listed object as the index keeps it, and its canonical (NFC) key.
    static func indexed(_ info: ObjectInfo, scope: Scope) -> (IndexedObject, canonical: String) {
        let canonical = KeyMapping.canonicalKey(info.key)
        let type = info.contentType ?? Self.extensionType(ofKey: info.key)
        let object = IndexedObject(
            key: info.key, size: info.size, lastModified: info.lastModified, contentType: type,
            inScope: scope.matches(object: info, canonicalKey: canonical, contentType: type ?? MediaTypes.defaultType))
        return (object, canonical)
    }

    /// The content type the extension table gives `key`, `nil` when the extension is unknown.
    public static func extensionType(ofKey key: String) -> String? {
        MediaTypes.fileExtension(ofKey: key).flatMap(MediaTypes.type(forExtension:))
    }

    /// Replaces content types with the ones HEAD reports (bounded concurrency), then re-applies
    /// the scope. A HEAD failure fails the whole read.
    mutating func verifyTypes(
        store: any ObjectStore, scope: Scope, concurrency: Int, progress: (_ done: Int) -> Void
    ) async throws {
        var done = 0
        let count = entries.count
        try await withThrowingTaskGroup(of: (Int, ObjectInfo?).self) { group in
            var next = 0
            func launch() {
                guard next < count else { return }
                let (index, key) = (next, entries[next].key)
                next += 1
                group.addTask { (index, try await store.head(key)) }
            }
            for _ in 0..<max(1, concurrency) { launch() }
            while let (index, info) = try await group.next() {
                done += 1
                if let info {
                    entries[index].contentType = info.contentType ?? entries[index].contentType
                    let entry = entries[index]
                    entries[index].inScope = scope.matches(
                        object: info, canonicalKey: entry.canonicalKey, contentType: entry.contentType ?? MediaTypes.defaultType)
                }
                if done % 100 == 0 { progress(done) }
                launch()
            }
        }
        progress(done)
    }
}
