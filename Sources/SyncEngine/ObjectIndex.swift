public import FoundationEssentials
public import ObjectStore

/// One listed object, reduced to what classification needs.
public struct IndexedObject: Sendable, Hashable {
    /// The key exactly as the bucket has it (may be NFD; new rows' urls use this spelling).
    public var key: String
    public var size: Int64
    public var lastModified: Date?
    /// From HEAD with `--verify-types`, else from the extension table (may be nil).
    public var contentType: String?
    /// The object matched the scope.
    public var inScope: Bool

    public init(key: String, size: Int64, lastModified: Date?, contentType: String?, inScope: Bool) {
        self.key = key
        self.size = size
        self.lastModified = lastModified
        self.contentType = contentType
        self.inScope = inScope
    }
}

/// The scoped listing, keyed by canonical key.
public struct ObjectIndex: Sendable {
    public internal(set) var objects: [String: IndexedObject] = [:]
    /// Distinct bucket keys that are the same canonical key (e.g. an NFC and an NFD spelling):
    /// reported, and their key is never changed automatically.
    public internal(set) var conflicts: [String: [String]] = [:]
    /// Objects listed (all, including out-of-scope ones under the listed prefixes).
    public internal(set) var listed = 0

    public init() {}

    /// Adds one listed object.
    public mutating func add(_ object: IndexedObject, canonicalKey: String) {
        listed += 1
        if let existing = objects[canonicalKey], !existing.key.utf8.elementsEqual(object.key.utf8) {
            conflicts[canonicalKey, default: [existing.key]].append(object.key)
            // Keep the NFC spelling when there is one: that is the key rows point at.
            if object.key.utf8.elementsEqual(canonicalKey.utf8) { objects[canonicalKey] = object }
            return
        }
        objects[canonicalKey] = object
    }

    /// Objects in scope: the "objects" count.
    public var scopedObjects: Int { objects.values.count { $0.inScope } }

    /// Lists every prefix completely; throws (nothing kept) if any page fails.
    ///
    /// - Parameters:
    ///   - contentType: the type used for scope matching and new rows (extension table), or
    ///     `nil` to leave it for a later HEAD pass.
    ///   - pageDone: called after each page with the running count (progress, and a test hook).
    public static func read(
        store: any ObjectStore, prefixes: [String], pageSize: Int, mapping: any SyncKeyMapping, scope: any SyncScope,
        contentType: (String) -> String?, pageDone: (_ listed: Int) -> Void
    ) async throws -> ObjectIndex {
        var index = ObjectIndex()
        for prefix in prefixes {
            for try await page in store.list(ListOptions(prefix: prefix, pageSize: pageSize)) {
                try Task.checkCancellation()
                for info in page.objects {
                    let type = info.contentType ?? contentType(info.key)
                    let object = IndexedObject(
                        key: info.key, size: info.size, lastModified: info.lastModified, contentType: type,
                        inScope: scope.matches(object: info, contentType: type))
                    index.add(object, canonicalKey: mapping.canonicalKey(info.key))
                }
                pageDone(index.listed)
            }
        }
        return index
    }

    /// Replaces content types with the ones HEAD reports (bounded concurrency), then re-applies
    /// the scope. A HEAD failure fails the whole read.
    mutating func verifyTypes(
        store: any ObjectStore, scope: any SyncScope, concurrency: Int, progress: (_ done: Int) -> Void
    ) async throws {
        let keys = Array(objects.keys)
        var done = 0
        try await withThrowingTaskGroup(of: (String, ObjectInfo?).self) { group in
            var next = 0
            func launch() {
                guard next < keys.count, let raw = objects[keys[next]]?.key else { return }
                let canonical = keys[next]
                next += 1
                group.addTask { (canonical, try await store.head(raw)) }
            }
            for _ in 0..<max(1, concurrency) { launch() }
            while let (canonical, info) = try await group.next() {
                done += 1
                if let info, var object = objects[canonical] {
                    object.contentType = info.contentType ?? object.contentType
                    object.inScope = scope.matches(object: info, contentType: object.contentType)
                    objects[canonical] = object
                }
                if done % 100 == 0 { progress(done) }
                launch()
            }
        }
        progress(done)
    }
}
