public import Catalog
import FoundationEssentials
public import ObjectStore

/// Decides, key by key, what sync does: the pure heart of the engine (no I/O).
///
/// A key is in scope when its object or any of its rows matches the scope; only in-scope rows
/// are ever changed and only in-scope objects ever get a new row. Keys are visited in sorted
/// order so logs, reports and plans are deterministic.
public struct SyncClassifier: Sendable {
    public var options: SyncOptions
    public var mapping: KeyMapping

    /// Content type for a new row when neither HEAD nor the extension table knows one.
    public static let fallbackContentType = MediaTypes.defaultType

    public init(options: SyncOptions, mapping: KeyMapping) {
        self.options = options
        self.mapping = mapping
    }

    /// Classifies every key; `emit` receives every item (for `--report`) in key order.
    ///
    /// A merge of the two key-sorted sides: one pass, no per-key lookups or allocations.
    public func classify(
        objects: ObjectIndex, catalog: CatalogIndex, emit: (SyncItem) -> Void = { _ in }
    ) -> (plan: SyncPlan, summary: SyncSummary) {
        var plan = SyncPlan()
        var summary = SyncSummary()
        summary.dryRun = options.dryRun
        let cutoff = options.youngCutoff
        // Sorted by the readers already; sorting here only copies for hand-built indexes (tests).
        var objects = objects, catalog = catalog
        objects.sort()
        catalog.sort()
        catalog.settle(against: objects, mapping: mapping)
        summary.objects = objects.scopedObjects
        summary.records = catalog.scopedActiveRows
        let objs = objects.entries, rows = catalog.entries
        let claimed = catalog.ambiguousKeys

        var i = 0, j = 0
        // One key's rows, and the active ones among them: buffers reused from key to key.
        var group: [IndexedRow] = [], active: [IndexedRow] = []
        while i < objs.count || j < rows.count {
            let key: String
            if i < objs.count, j >= rows.count || !KeyOrder.less(rows[j].key, objs[i].canonicalKey) {
                key = objs[i].canonicalKey
            } else {
                key = rows[j].key
            }
            var iEnd = i, jEnd = j
            while iEnd < objs.count, KeyOrder.same(objs[iEnd].canonicalKey, key) { iEnd += 1 }
            while jEnd < rows.count, KeyOrder.same(rows[jEnd].key, key) { jEnd += 1 }
            let keyObjects = objs[i..<iEnd]
            group.removeAll(keepingCapacity: true)
            for entry in rows[j..<jEnd] { group.append(entry.row) }
            (i, j) = (iEnd, jEnd)
            guard keyObjects.contains(where: \.inScope) || group.contains(where: \.inScope) else { continue }
            if DotSegments.contains(key) {
                summary.dotSegments += 1
                summary.dotSegmentExample = summary.dotSegmentExample ?? key
            }

            if keyObjects.count > 1 {
                summary.conflicts += 1
                emit(SyncItem(kind: .conflict, key: key, url: nil, recordID: nil,
                              reason: "\(keyObjects.count) bucket keys with the same NFC form; fix by hand"))
                continue
            }
            active.removeAll(keepingCapacity: true)
            for row in group where !row.isDeleted { active.append(row) }
            if active.isEmpty, claimed.contains(key) { continue }  // an ambiguous row may be this object's
            if let object = keyObjects.first {
                classifyExisting(key: key, object: object, group: group, active: active, cutoff: cutoff,
                                 plan: &plan, summary: &summary, emit: emit)
            } else {
                for row in active where row.inScope {
                    let url = row.url(key: key, mapping: mapping)
                    if let changed = row.changedAt, changed > cutoff {
                        summary.young += 1
                        emit(SyncItem(kind: .young, key: key, url: url, recordID: row.id,
                                      reason: "row without object, changed less than min-age ago"))
                    } else {
                        summary.removed += 1
                        plan.removals.append(.init(id: row.id, key: key, nome: row.nome(key: key), url: url))
                        emit(SyncItem(kind: .remove, key: key, url: url, recordID: row.id, reason: "row without object"))
                    }
                }
            }
        }

        for (row, url) in catalog.foreign where !row.isDeleted {
            summary.foreign += 1
            emit(SyncItem(kind: .foreign, key: nil, url: url, recordID: row.id, reason: "url under no base of this bucket"))
        }
        for (row, url, keys) in catalog.ambiguous where !row.isDeleted && row.inScope {
            summary.ambiguous += 1
            emit(SyncItem(kind: .ambiguous, key: nil, url: url, recordID: row.id,
                          reason: "the url names \(keys.count) existing objects (\(keys.joined(separator: " | "))); fix by hand"))
        }
        for (row, url, reason) in catalog.unparseable where !row.isDeleted {
            summary.unparseable += 1
            emit(SyncItem(kind: .unparseable, key: nil, url: url, recordID: row.id, reason: reason))
        }
        return (plan, summary)
    }

    private func classifyExisting(
        key: String, object: IndexedObject, group: [IndexedRow], active: [IndexedRow], cutoff: Date,
        plan: inout SyncPlan, summary: inout SyncSummary, emit: (SyncItem) -> Void
    ) {
        if active.count == 1 {
            let row = active[0]
            summary.unchanged += 1
            let url = row.url(key: key, mapping: mapping)
            if let problem = mismatch(object: object, row: row) {
                summary.mismatched += 1
                emit(SyncItem(kind: .mismatch, key: key, url: url, recordID: row.id, reason: problem))
            } else {
                emit(SyncItem(kind: .ok, key: key, url: url, recordID: row.id, reason: "object and row agree"))
            }
            return
        }
        if active.count > 1 {
            summary.duplicates += 1
            for row in active {
                emit(SyncItem(kind: .duplicate, key: key, url: row.url(key: key, mapping: mapping), recordID: row.id,
                              reason: "\(active.count) active rows for one object; fix by hand"))
            }
            return
        }
        // No active row: add or restore, unless someone touched this key a moment ago.
        let deleted = group.filter { $0.isDeleted }
        if let modified = object.lastModified, modified > cutoff {
            summary.young += 1
            emit(SyncItem(kind: .young, key: key, url: nil, recordID: nil,
                          reason: "object without row, modified less than min-age ago"))
            return
        }
        if let recent = deleted.first(where: { ($0.changedAt ?? .distantPast) > cutoff }) {
            summary.young += 1
            emit(SyncItem(kind: .young, key: key, url: recent.url(key: key, mapping: mapping), recordID: recent.id,
                          reason: "row deleted less than min-age ago while its object exists"))
            return
        }
        if let row = latestDeleted(deleted.filter(\.inScope)), let deletedAt = row.deletedAt {
            // Only an object that came back after the deletion undoes it (`DeletionOrder`).
            let url = row.url(key: key, mapping: mapping)
            switch DeletionOrder(objectModified: object.lastModified, deletedAt: deletedAt) {
            case .objectOlder:
                summary.keptOut += 1
                emit(SyncItem(kind: .keptOut, key: key, url: url, recordID: row.id,
                              reason: "row deleted on purpose after the object's last change: not restored, no new row"))
                return
            case .tooClose:
                summary.ambiguous += 1
                emit(SyncItem(kind: .ambiguous, key: key, url: url, recordID: row.id,
                              reason: "object modified within \(DeletionOrder.tolerance.components.seconds) s of the row's deletion: cannot tell which came first; fix by hand (restore ID, or rm)"))
                return
            case .objectNewer:
                break
            }
        }
        if options.restore, let row = latestDeleted(deleted.filter(\.inScope)) {
            let url = row.url(key: key, mapping: mapping)
            summary.restored += 1
            plan.restorations.append(.init(id: row.id, key: key, nome: row.nome(key: key), url: url))
            emit(SyncItem(kind: .restore, key: key, url: url, recordID: row.id, reason: "object exists again"))
            return
        }
        guard object.inScope else { return }
        let record = newRecord(for: object)
        summary.added += 1
        plan.additions.append(.init(key: object.key, record: record))
        emit(SyncItem(kind: .add, key: key, url: record.url, recordID: nil,
                      reason: deleted.isEmpty ? "object without row" : "object without active row (--no-restore)"))
    }

    /// The row sync inserts for an object.
    public func newRecord(for object: IndexedObject) -> NewRecord {
        let nome = String(object.key.lastPathSegment)
        return NewRecord(
            nome: nome.isEmpty ? object.key : nome, url: mapping.url(for: object.key),
            contentType: object.contentType ?? Self.fallbackContentType, size: object.size,
            createdBy: options.actor)
    }

    private func latestDeleted(_ rows: [IndexedRow]) -> IndexedRow? {
        rows.max { a, b in
            let da = a.deletedAt ?? .distantPast, db = b.deletedAt ?? .distantPast
            return da != db ? da < db : a.id.uuidString > b.id.uuidString
        }
    }

    /// Why an object and its row disagree, or `nil`.
    func mismatch(object: IndexedObject, row: IndexedRow) -> String? {
        if let size = row.size, size != object.size {
            return "size differs: object \(object.size) bytes, row \(size) bytes"
        }
        // Byte-equal types have equal essences: only differing ones are parsed.
        if let rowRaw = row.contentType, let objectRaw = object.contentType, !KeyOrder.same(rowRaw, objectRaw) {
            let rowType = MediaTypes.essence(rowRaw), objectType = MediaTypes.essence(objectRaw)
            if !rowType.isEmpty, objectType != Self.fallbackContentType, rowType != objectType {
                return "content type differs: object \(objectType), row \(rowType)"
            }
        }
        return nil
    }
}
