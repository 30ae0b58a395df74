import Catalog
import FoundationEssentials

/// One listed object as spilled by the partitioned run: what `IndexedObject` needs, nothing more.
struct SpilledObject: Codable {
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
}

/// One planned addition as spilled (NewRecord has no Codable conformance of its own).
struct SpilledAddition: Codable {
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
}

/// One planned soft-delete or restore as spilled.
struct SpilledRowChange: Codable {
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
}
