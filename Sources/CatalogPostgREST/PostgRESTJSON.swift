import Catalog
import FoundationEssentials
import UserFacing

/// JSON in and out of PostgREST.
enum PostgRESTJSON {
    /// The columns r2s selects (every column of `CatalogRecord`).
    static let select = CatalogSchema.columns.map(\.name).joined(separator: ",")

    /// Decodes an array of rows; timestamps are parsed tolerantly (`…T…+00:00`).
    static func records(_ body: [UInt8]) throws -> [CatalogRecord] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { d in
            let text = try d.singleValueContainer().decode(String.self)
            guard let date = CatalogTimestamp.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: d.codingPath, debugDescription: "bad timestamp \(text)"))
            }
            return date
        }
        do {
            return try decoder.decode([CatalogRecord].self, from: Data(body))
        } catch {
            throw CatalogError(
                .schema, LocalizedText(en: "unexpected rows from PostgREST: \(error)", ptBR: "linhas inesperadas do PostgREST: \(error)"),
                hint: "run `catalog check`")
        }
    }

    /// Decodes `[{"id": …}]`.
    static func ids(_ body: [UInt8]) throws -> [UUID] {
        struct Row: Decodable { var id: UUID }
        return try JSONDecoder().decode([Row].self, from: Data(body)).map(\.id)
    }

    /// A row to insert with every key present (explicit nulls): PostgREST takes an array "of
    /// objects having uniform keys".
    struct InsertRow: Encodable {
        var id: UUID
        var row: NewRecord

        enum Keys: String, CodingKey {
            case id, nome, url, size
            case contentType = "content_type"
            case tipoReferencia = "tipo_referencia"
            case referenciaId = "referencia_id"
            case createdBy = "created_by"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id.uuidString.lowercased(), forKey: .id)
            try c.encode(row.nome, forKey: .nome)
            try c.encode(row.url, forKey: .url)
            try c.encode(row.contentType, forKey: .contentType)
            try c.encode(row.size, forKey: .size)
            try c.encode(row.tipoReferencia, forKey: .tipoReferencia)
            try c.encode(row.referenciaId?.uuidString.lowercased(), forKey: .referenciaId)
            try c.encode(row.createdBy?.uuidString.lowercased(), forKey: .createdBy)
        }
    }

    static let insertColumns = "id,nome,url,content_type,size,tipo_referencia,referencia_id,created_by"

    /// Encodes a JSON object from (key, value) pairs; `nil` values become `null`.
    static func object(_ fields: [(String, String?)]) -> [UInt8] {
        var out = "{"
        for (i, (k, v)) in fields.enumerated() {
            if i > 0 { out += "," }
            JSONString.write(k, into: &out)
            out += ":"
            if let v { JSONString.write(v, into: &out) } else { out += "null" }
        }
        return Array((out + "}").utf8)
    }

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        Array(try JSONEncoder().encode(value))
    }
}
