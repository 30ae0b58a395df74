import Catalog
import R2SCore

/// The columns of the `storage` table as commands print them, in table order.
enum RecordFields {
    /// Column names, as in the database.
    static let names = CatalogSchema.columns.map(\.name)

    /// The value of one column of a row (`nil` for an unknown name). Sizes stay bytes and dates
    /// ISO 8601 here; `cell` formats them for people.
    static func value(_ column: String, of r: CatalogRecord) -> OutputValue? {
        switch column {
        case "id": Format.uuid(r.id)
        case "nome": .string(r.nome)
        case "url": .string(r.url)
        case "content_type": .text(r.contentType)
        case "size": .number(r.size)
        case "tipo_referencia": .text(r.tipoReferencia)
        case "referencia_id": Format.uuid(r.referenciaId)
        case "created_at": Format.date(r.createdAt, .json)
        case "updated_at": Format.date(r.updatedAt, .json)
        case "created_by": Format.uuid(r.createdBy)
        case "updated_by": Format.uuid(r.updatedBy)
        case "deleted_at": Format.date(r.deletedAt, .json)
        default: nil
        }
    }

    /// The value formatted for `format` (human sizes and short dates in tables).
    static func cell(_ column: String, of r: CatalogRecord, _ format: OutputFormat) -> OutputValue {
        switch column {
        case "size": Format.size(r.size, format)
        case "created_at": Format.date(r.createdAt, format)
        case "updated_at": Format.date(r.updatedAt, format)
        case "deleted_at": Format.date(r.deletedAt, format)
        default: value(column, of: r) ?? .null
        }
    }

    /// Every column of a row, as `(name, value)` pairs.
    static func all(_ r: CatalogRecord, _ format: OutputFormat) -> [(String, OutputValue)] {
        names.map { ($0, cell($0, of: r, format)) }
    }
}
