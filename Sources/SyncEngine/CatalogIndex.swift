public import Catalog
public import FoundationEssentials

/// One catalog row, reduced to what classification needs (kept per key in memory).
public struct IndexedRow: Sendable, Hashable {
    public var id: UUID
    public var nome: String
    public var url: String
    public var size: Int64?
    public var contentType: String?
    public var deletedAt: Date?
    /// The latest of `created_at`, `updated_at`, `deleted_at`: how recently someone touched it.
    public var changedAt: Date?
    /// The row matched the scope (only in-scope rows are ever changed).
    public var inScope: Bool

    public var isDeleted: Bool { deletedAt != nil }

    public init(_ record: CatalogRecord, inScope: Bool) {
        id = record.id
        nome = record.nome
        url = record.url
        size = record.size
        contentType = record.contentType
        deletedAt = record.deletedAt
        changedAt = [record.createdAt, record.updatedAt, record.deletedAt].compactMap { $0 }.max()
        self.inScope = inScope
    }
}

/// The scoped catalog, keyed by canonical object key. Built from the store's paged stream; it is
/// the only per-key state sync keeps for the catalog side.
public struct CatalogIndex: Sendable {
    /// Rows by canonical key (most keys have one).
    public internal(set) var rows: [String: [IndexedRow]] = [:]
    /// Rows whose url is under no base of this bucket (never touched).
    public internal(set) var foreign: [IndexedRow] = []
    /// Rows whose url could not be read as a key, with the reason.
    public internal(set) var unparseable: [(row: IndexedRow, reason: String)] = []
    /// Rows read from the store (all kinds).
    public internal(set) var rowsRead = 0
    /// One copy of each distinct content type (100k rows share a handful of types; long ones
    /// such as `application/octet-stream` would otherwise take a heap buffer per row).
    private var types: [String: String] = [:]

    public init() {}

    /// Adds one row read from the store.
    public mutating func add(_ record: CatalogRecord, mapping: any SyncKeyMapping, scope: any SyncScope) {
        rowsRead += 1
        var record = record
        if let type = record.contentType {
            if let shared = types[type] { record.contentType = shared } else { types[type] = type }
        }
        switch mapping.resolve(record.url) {
        case .key(let key):
            let row = IndexedRow(record, inScope: scope.matches(record: record, key: key))
            rows[key, default: []].append(row)
        case .foreign:
            foreign.append(IndexedRow(record, inScope: false))
        case .unparseable(let reason):
            unparseable.append((IndexedRow(record, inScope: false), reason))
        }
    }

    /// Active rows in scope: the "records" count and the base of the deletion cap.
    public var scopedActiveRows: Int {
        rows.values.reduce(0) { sum, group in sum + group.count { !$0.isDeleted && $0.inScope } }
    }

    /// Reads the whole stream; throws (and nothing is kept) if any page fails.
    public static func read(
        _ stream: AsyncThrowingStream<[CatalogRecord], any Error>, mapping: any SyncKeyMapping, scope: any SyncScope,
        progress: (_ rowsRead: Int) -> Void
    ) async throws -> CatalogIndex {
        var index = CatalogIndex()
        for try await page in stream {
            try Task.checkCancellation()
            for record in page { index.add(record, mapping: mapping, scope: scope) }
            progress(index.rowsRead)
        }
        return index
    }
}
