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

/// One planned addition as spilled: its key and the new row's columns.
struct SpilledAddition: Spillable {
    var addition: SyncPlan.Addition

    init(_ a: SyncPlan.Addition) { addition = a }

    func spill(into out: inout SpillEncoder) {
        out.string(addition.key)
        addition.record.spill(into: &out)
    }

    init(from input: inout SpillDecoder) throws {
        let key = try input.string()
        addition = SyncPlan.Addition(key: key, record: try NewRecord(from: &input))
    }
}

/// The columns a new row is written with; a catalog row spills them the same way.
extension NewRecord: Spillable {
    func spill(into out: inout SpillEncoder) {
        out.string(nome)
        out.string(url)
        out.optional(contentType) { $0.string($1) }
        out.optional(size) { $0.int($1) }
        out.optional(tipoReferencia) { $0.string($1) }
        out.optional(referenciaId) { $0.uuid($1) }
        out.optional(createdBy) { $0.uuid($1) }
    }

    init(from input: inout SpillDecoder) throws {
        let (nome, url) = (try input.string(), try input.string())
        let contentType = try input.optional { try $0.string() }
        let size = try input.optional { try $0.int() }
        let tipo = try input.optional { try $0.string() }
        let referencia = try input.optional { try $0.uuid() }
        let createdBy = try input.optional { try $0.uuid() }
        self.init(nome: nome, url: url, contentType: contentType, size: size, tipoReferencia: tipo, referenciaId: referencia, createdBy: createdBy)
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
        NewRecord(
            nome: nome, url: url, contentType: contentType, size: size, tipoReferencia: tipoReferencia,
            referenciaId: referenciaId, createdBy: createdBy
        ).spill(into: &out)
        for date in [createdAt, updatedAt, deletedAt] { out.optional(date) { $0.date($1) } }
        out.optional(updatedBy) { $0.uuid($1) }
    }

    init(from input: inout SpillDecoder) throws {
        let id = try input.uuid()
        let base = try NewRecord(from: &input)
        let (created, updated, deleted) = (
            try input.optional { try $0.date() }, try input.optional { try $0.date() }, try input.optional { try $0.date() }
        )
        self.init(
            id: id, nome: base.nome, url: base.url, contentType: base.contentType, size: base.size,
            tipoReferencia: base.tipoReferencia, referenciaId: base.referenciaId, createdAt: created, updatedAt: updated,
            createdBy: base.createdBy, updatedBy: try input.optional { try $0.uuid() }, deletedAt: deleted)
    }
}
