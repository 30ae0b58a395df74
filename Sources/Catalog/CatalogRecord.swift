public import FoundationEssentials

/// One row of the `storage` table, with the original system's column names.
public struct CatalogRecord: Sendable, Hashable, Codable {
    public var id: UUID
    public var nome: String
    /// Public URL of the object (`R2_PUBLIC_URL` + `/` + key, encoded or raw; see `KeyMapping`).
    public var url: String
    public var contentType: String?
    /// Bytes; `INTEGER` in the original schema (≤ 2,147,483,647) unless migrated to BIGINT.
    public var size: Int64?
    public var tipoReferencia: String?
    public var referenciaId: UUID?
    public var createdAt: Date?
    public var updatedAt: Date?
    public var createdBy: UUID?
    public var updatedBy: UUID?
    /// Set when soft-deleted; r2s never removes rows.
    public var deletedAt: Date?

    public init(
        id: UUID, nome: String, url: String, contentType: String? = nil, size: Int64? = nil,
        tipoReferencia: String? = nil, referenciaId: UUID? = nil, createdAt: Date? = nil, updatedAt: Date? = nil,
        createdBy: UUID? = nil, updatedBy: UUID? = nil, deletedAt: Date? = nil
    ) {
        self.id = id
        self.nome = nome
        self.url = url
        self.contentType = contentType
        self.size = size
        self.tipoReferencia = tipoReferencia
        self.referenciaId = referenciaId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.deletedAt = deletedAt
    }

    /// True when the row is soft-deleted.
    public var isDeleted: Bool { deletedAt != nil }

    enum CodingKeys: String, CodingKey {
        case id, nome, url, size
        case contentType = "content_type"
        case tipoReferencia = "tipo_referencia"
        case referenciaId = "referencia_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case createdBy = "created_by"
        case updatedBy = "updated_by"
        case deletedAt = "deleted_at"
    }
}

/// A row to insert; the database fills `id`, `created_at`, `updated_at` by default.
public struct NewRecord: Sendable, Hashable {
    public var nome: String
    public var url: String
    public var contentType: String?
    public var size: Int64?
    public var tipoReferencia: String?
    public var referenciaId: UUID?
    public var createdBy: UUID?

    public init(
        nome: String, url: String, contentType: String? = nil, size: Int64? = nil, tipoReferencia: String? = nil,
        referenciaId: UUID? = nil, createdBy: UUID? = nil
    ) {
        self.nome = nome
        self.url = url
        self.contentType = contentType
        self.size = size
        self.tipoReferencia = tipoReferencia
        self.referenciaId = referenciaId
        self.createdBy = createdBy
    }
}

/// Field changes for `update`; `nil` leaves a field alone. `referencia` uses a double optional:
/// `.some(nil)` clears it.
public struct RecordChanges: Sendable, Hashable {
    public var nome: String?
    public var url: String?
    public var contentType: String?
    public var size: Int64?
    public var referencia: (tipo: String, id: UUID)??

    public init(nome: String? = nil, url: String? = nil, contentType: String? = nil, size: Int64? = nil) {
        self.nome = nome
        self.url = url
        self.contentType = contentType
        self.size = size
    }

    public static func == (a: RecordChanges, b: RecordChanges) -> Bool {
        a.nome == b.nome && a.url == b.url && a.contentType == b.contentType && a.size == b.size
            && a.referencia??.tipo == b.referencia??.tipo && a.referencia??.id == b.referencia??.id
            && (a.referencia == nil) == (b.referencia == nil)
    }
    public func hash(into h: inout Hasher) {
        h.combine(nome); h.combine(url); h.combine(contentType); h.combine(size)
    }
}
