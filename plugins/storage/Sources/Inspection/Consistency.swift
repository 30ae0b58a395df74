import FoundationEssentials
import Catalog
import ObjectStore
import R2SCore

/// Where the bucket and the catalog disagree about one key, as `show` reports it.
enum Consistency {
    /// The state of one key: the word `ls` prints in its STATUS column.
    enum Status: String, Sendable {
        case ok
        /// An active row, no object.
        case objectMissing = "object missing"
        /// An object, no row at all.
        case noRecord = "no record"
        /// The row is soft-deleted (with or without its object).
        case softDeleted = "soft-deleted"
        /// More than one active row for one object.
        case duplicate
        /// A row whose url is not under the public base (never an object of this bucket).
        case foreign = "foreign url"
        /// A row under the public base whose url names no valid key.
        case badURL = "bad url"
        /// A url whose candidate keys (decoded, raw-literal) name two existing objects.
        case ambiguous = "ambiguous url"
        /// The row was soft-deleted after its object's last change: removed on purpose, and
        /// sync leaves it so (`DeletionOrder`).
        case keptOut = "kept out"

        /// Parses `--status` values (`missing`, `uncatalogued`, `ok`, …).
        init?(filter: String) {
            switch filter.lowercased() {
            case "ok": self = .ok
            case "missing", "object-missing": self = .objectMissing
            case "uncatalogued", "uncataloged", "no-record": self = .noRecord
            case "deleted", "soft-deleted": self = .softDeleted
            case "duplicate": self = .duplicate
            case "foreign": self = .foreign
            case "bad-url": self = .badURL
            case "ambiguous": self = .ambiguous
            case "kept-out": self = .keptOut
            default: return nil
            }
        }
    }

    /// What is wrong between `object` (nil = absent) and the rows of its key, each with what to do.
    static func mismatches(
        key: String?, object: ObjectInfo?, rows: [CatalogRecord], mapping: KeyMapping
    ) -> [LocalizedText] {
        var out: [LocalizedText] = []
        let active = rows.filter { !$0.isDeleted }
        let quoted = key.map(Format.word) ?? "KEY"
        if let object {
            if rows.isEmpty { out.append(.mismatchNoRecord(quoted)) }
            if active.isEmpty && !rows.isEmpty { out.append(.mismatchDeletedRow(quoted)) }
            if active.count > 1 { out.append(.mismatchDuplicates(active.count)) }
            for row in active {
                if let size = row.size, size != object.size {
                    out.append(.mismatchSize(row: size, object: object.size))
                }
                if let rowType = row.contentType, let objectType = object.contentType,
                    MediaTypes.essence(rowType) != MediaTypes.essence(objectType)
                {
                    out.append(.mismatchType(row: rowType, object: objectType))
                }
            }
        } else if key != nil, !active.isEmpty {
            out.append(.mismatchObjectMissing(quoted))
        }
        if let key {
            let canonical = mapping.url(for: key)
            for row in active where row.url != canonical {
                if case .key = mapping.resolve(row.url) { out.append(.noteRawURL(row.id.uuidString.lowercased())) }
            }
        }
        return out
    }
}
