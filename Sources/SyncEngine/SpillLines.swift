import Catalog
import FoundationEssentials

/// One listed object as spilled by the partitioned run: what `IndexedObject` needs, nothing more.
struct SpilledObject: Spillable {
    var k: String
    var s: Int64
    var m: Double?
    var t: String?
    var i: Bool

    init(_ object: IndexedObject) {
        k = object.key
        s = object.size
        m = object.lastModified?.timeIntervalSince1970
        t = object.contentType
        i = object.inScope
    }

    var object: IndexedObject {
        IndexedObject(key: k, size: s, lastModified: m.map { Date(timeIntervalSince1970: $0) }, contentType: t, inScope: i)
    }

    func spill(into out: inout SpillEncoder) {
        out.string(k)
        out.int(s)
        out.optional(m) { $0.double($1) }
        out.optional(t) { $0.string($1) }
        out.bool(i)
    }

    init(from input: inout SpillDecoder) throws {
        k = try input.string()
        s = try input.int()
        m = try input.optional { try $0.double() }
        t = try input.optional { try $0.string() }
        i = try input.bool()
    }
}

/// One planned addition as spilled (NewRecord has no Codable conformance of its own).
struct SpilledAddition: Spillable {
    var key: String
    var nome: String
    var url: String
    var contentType: String?
    var size: Int64?
    var tipoReferencia: String?
    var referenciaId: UUID?
    var createdBy: UUID?

    init(_ a: SyncPlan.Addition) {
        key = a.key
        nome = a.record.nome
        url = a.record.url
        contentType = a.record.contentType
        size = a.record.size
        tipoReferencia = a.record.tipoReferencia
        referenciaId = a.record.referenciaId
        createdBy = a.record.createdBy
    }

    var addition: SyncPlan.Addition {
        SyncPlan.Addition(
            key: key,
            record: NewRecord(
                nome: nome, url: url, contentType: contentType, size: size, tipoReferencia: tipoReferencia,
                referenciaId: referenciaId, createdBy: createdBy))
    }

    func spill(into out: inout SpillEncoder) {
        out.string(key)
        out.string(nome)
        out.string(url)
        out.optional(contentType) { $0.string($1) }
        out.optional(size) { $0.int($1) }
        out.optional(tipoReferencia) { $0.string($1) }
        out.optional(referenciaId) { $0.uuid($1) }
        out.optional(createdBy) { $0.uuid($1) }
    }

    init(from input: inout SpillDecoder) throws {
        key = try input.string()
        nome = try input.string()
        url = try input.string()
        contentType = try input.optional { try $0.string() }
        size = try input.optional { try $0.int() }
        tipoReferencia = try input.optional { try $0.string() }
        referenciaId = try input.optional { try $0.uuid() }
        createdBy = try input.optional { try $0.uuid() }
    }
}

/// One planned soft-delete or restore as spilled.
struct SpilledRowChange: Spillable {
    var id: UUID
    var key: String
    var nome: String
    var url: String

    init(_ c: SyncPlan.RowChange) {
        id = c.id
        key = c.key
        nome = c.nome
        url = c.url
    }

    var change: SyncPlan.RowChange { SyncPlan.RowChange(id: id, key: key, nome: nome, url: url) }

    func spill(into out: inout SpillEncoder) {
        out.uuid(id)
        out.string(key)
        out.string(nome)
        out.string(url)
    }

    init(from input: inout SpillDecoder) throws {
        id = try input.uuid()
        key = try input.string()
        nome = try input.string()
        url = try input.string()
    }
}

/// A catalog row as spilled: every column, so the partition classifies exactly what was read.
extension CatalogRecord: Spillable {
    func spill(into out: inout SpillEncoder) {
        out.uuid(id)
        out.string(nome)
        out.string(url)
        out.optional(contentType) { $0.string($1) }
        out.optional(size) { $0.int($1) }
        out.optional(tipoReferencia) { $0.string($1) }
        out.optional(referenciaId) { $0.uuid($1) }
        for date in [createdAt, updatedAt, deletedAt] { out.optional(date) { $0.date($1) } }
        out.optional(createdBy) { $0.uuid($1) }
        out.optional(updatedBy) { $0.uuid($1) }
    }

    init(from input: inout SpillDecoder) throws {
        let (id, nome, url) = (try input.uuid(), try input.string(), try input.string())
        let contentType = try input.optional { try $0.string() }
        let size = try input.optional { try $0.int() }
        let tipo = try input.optional { try $0.string() }
        let referencia = try input.optional { try $0.uuid() }
        let (created, updated, deleted) = (
            try input.optional { try $0.date() }, try input.optional { try $0.date() }, try input.optional { try $0.date() }
        )
        let (createdBy, updatedBy) = (try input.optional { try $0.uuid() }, try input.optional { try $0.uuid() })
        self.init(
            id: id, nome: nome, url: url, contentType: contentType, size: size, tipoReferencia: tipo, referenciaId: referencia,
            createdAt: created, updatedAt: updated, createdBy: createdBy, updatedBy: updatedBy, deletedAt: deleted)
    }
}
