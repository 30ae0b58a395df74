public import Catalog
public import FoundationEssentials
public import ObjectStore
public import Scope

/// One catalog row, reduced to what classification needs and packed small: at 100k rows the
/// index is most of sync's memory. Values that can be recomputed from the key are not stored.
public struct IndexedRow: Sendable, Hashable {
    public var id: UUID
    /// `nil` when the url is exactly what the mapping writes for the key (`url(key:mapping:)`).
    var storedURL: String?
    /// `nil` when `nome` is the key's last segment (`nome(key:)`).
    var storedNome: String?
    public var contentType: String?
    private var sizeValue: Int64
    private var deletedSeconds: Double
    private var changedSeconds: Double
    /// The row matched the scope (only in-scope rows are ever changed).
    public var inScope: Bool

    public init(_ record: CatalogRecord, inScope: Bool) {
        id = record.id
        storedURL = record.url
        storedNome = record.nome
        contentType = record.contentType
        sizeValue = record.size ?? -1
        deletedSeconds = record.deletedAt?.timeIntervalSince1970 ?? .nan
        // The latest of the three dates (no array per row).
        var changed = Double.nan
        func consider(_ date: Date?) {
            if let seconds = date?.timeIntervalSince1970, changed.isNaN || seconds > changed { changed = seconds }
        }
        consider(record.createdAt)
        consider(record.updatedAt)
        consider(record.deletedAt)
        changedSeconds = changed
        self.inScope = inScope
    }

    /// Drops the url and nome when they can be recomputed from `key`.
    mutating func compact(key: String, mapping: KeyMapping) {
        if let url = storedURL, mapping.isWritten(url, for: key) { storedURL = nil }
        if let nome = storedNome, nome.utf8.elementsEqual(Self.lastSegment(key).utf8) { storedNome = nil }
    }

    /// The row's `url` as stored in the catalog.
    public func url(key: String, mapping: KeyMapping) -> String { storedURL ?? mapping.url(for: key) }
    /// The row's `nome`.
    public func nome(key: String) -> String { storedNome ?? String(Self.lastSegment(key)) }

    public var size: Int64? { sizeValue < 0 ? nil : sizeValue }
    public var deletedAt: Date? { deletedSeconds.isNaN ? nil : Date(timeIntervalSince1970: deletedSeconds) }
    /// The latest of `created_at`, `updated_at`, `deleted_at`: how recently someone touched it.
    public var changedAt: Date? { changedSeconds.isNaN ? nil : Date(timeIntervalSince1970: changedSeconds) }
    public var isDeleted: Bool { !deletedSeconds.isNaN }

    static func lastSegment(_ key: String) -> Substring {
        key.lastPathSegment
    }
}

/// The scoped catalog: rows with their canonical key, sorted by key (UTF-8 byte order) for the
/// merge with the listing. Built from the store's paged stream; it is the only per-key state
/// sync keeps for the catalog side (a flat array: no per-key allocations besides the key).
public struct CatalogIndex: Sendable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var row: IndexedRow
    }

    /// Rows of this bucket, sorted by key once `sort()` ran (rows of one key are adjacent).
    public internal(set) var entries: [Entry] = []
    /// Rows whose url is under no base of this bucket (never touched).
    public internal(set) var foreign: [(row: IndexedRow, url: String)] = []
    /// Rows whose url could not be read as a key: the row, its url and the reason.
    public internal(set) var unparseable: [(row: IndexedRow, url: String, reason: String)] = []
    /// For the rare row whose scope differs between its candidate keys (`KeyMapping.candidates`):
    /// whether it is in scope under each other candidate. Every other row keeps nothing extra;
    /// `settle(against:mapping:)` recomputes candidates from the url once the listing is known.
    var scopeByCandidate: [UUID: [String: Bool]] = [:]
    /// Rows whose candidate keys exist as two different objects: reported, never changed.
    public internal(set) var ambiguous: [(row: IndexedRow, url: String, keys: [String])] = []
    /// Keys claimed by an ambiguous row that another partition reports (partitioned sync only).
    var claimedKeys: Set<String> = []
    /// Rows read from the store (all kinds).
    public internal(set) var rowsRead = 0
    private var sorted = true
    /// One copy of each distinct content type (100k rows share a handful of types; long ones
    /// such as `application/octet-stream` would otherwise take a heap buffer per row).
    private var types: [String: String] = [:]

    public init() {}

    /// Adds one row read from the store.
    public mutating func add(_ record: CatalogRecord, mapping: KeyMapping, scope: Scope) {
        rowsRead += 1
        var record = record
        if let type = record.contentType {
            if let shared = types[type] { record.contentType = shared } else { types[type] = type }
        }
        switch mapping.resolve(record.url) {
        case .key(let key):
            // `resolve` returns the key in NFC already: the scope matches it as is.
            var row = IndexedRow(record, inScope: scope.matches(record: record, canonicalKey: key))
            noteCandidateScopes(record, primary: key, inScope: row.inScope, mapping: mapping, scope: scope)
            row.compact(key: key, mapping: mapping)
            if let last = entries.last, !KeyOrder.less(last.key, key) { sorted = false }
            entries.append(Entry(key: key, row: row))
        case .foreign:
            foreign.append((IndexedRow(record, inScope: false), record.url))
        case .unparseable(let reason):
            unparseable.append((IndexedRow(record, inScope: false), record.url, reason.description))
        }
    }

    /// After entries were re-keyed in place (`settle`): the next `sort()` sorts again.
    mutating func markUnsorted() { sorted = false }

    /// Sorts the entries by key bytes (rows of a key by id, for determinism). Cheap when sorted.
    public mutating func sort() {
        guard !sorted else { return }
        PermutationSort.sort(&entries, key: \.key) { a, b in Self.idPrecedes(a.row.id, b.row.id) }
        sorted = true
    }

    /// `a.uuidString < b.uuidString` without the Strings: uppercase hex digits and the dashes
    /// at fixed places sort as the 16 bytes do.
    static func idPrecedes(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { x in withUnsafeBytes(of: b.uuid) { y in x.lexicographicallyPrecedes(y) } }
    }

    /// Active rows in scope: the "records" count and the base of the deletion cap.
    public var scopedActiveRows: Int { entries.count { !$0.row.isDeleted && $0.row.inScope } }

    /// Reads the whole stream; throws (and nothing is kept) if any page fails.
    public static func read(
        _ stream: AsyncThrowingStream<[CatalogRecord], any Error>, mapping: KeyMapping, scope: Scope,
        progress: (_ rowsRead: Int) throws -> Void
    ) async throws -> CatalogIndex {
        var index = CatalogIndex()
        for try await page in stream {
            try Task.checkCancellation()
            for record in page { index.add(record, mapping: mapping, scope: scope) }
            try progress(index.rowsRead)
        }
        index.sort()
        return index
    }
}
