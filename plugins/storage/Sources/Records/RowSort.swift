import Catalog
import FoundationEssentials

/// `find --sort` and `records where --sort`: the catalog rows in `name` (nome, byte order),
/// `size` (largest first) or `date` (created_at, newest first) order, like `ls --sort`.
///
/// Sorting needs every matching row, but never more than it keeps: with `--limit N` only the
/// best N survive each time the buffer reaches 2N, so memory stays bounded by the limit.
struct RowSort {
    static let keys = ["name", "size", "date"]

    private let before: (CatalogRecord, CatalogRecord) -> Bool
    private let limit: Int?
    private var rows: [CatalogRecord] = []

    /// `nil` for an unknown key (validated before).
    init?(_ key: String, limit: Int?) {
        switch key {
        case "name": before = { Self.tie($0.nome.utf8, $1.nome.utf8, $0, $1) }
        case "size": before = { ($0.size ?? -1) != ($1.size ?? -1) ? ($0.size ?? -1) > ($1.size ?? -1) : Self.byID($0, $1) }
        case "date":
            before = { a, b in
                let (x, y) = (a.createdAt ?? .distantPast, b.createdAt ?? .distantPast)
                return x != y ? x > y : Self.byID(a, b)
            }
        default: return nil
        }
        self.limit = limit
    }

    mutating func add(_ row: CatalogRecord) {
        rows.append(row)
        if let limit, rows.count >= 2 * limit { trim(limit) }
    }

    /// The rows in order, at most `limit`.
    mutating func finish() -> [CatalogRecord] {
        trim(limit ?? rows.count)
        return rows
    }

    private mutating func trim(_ n: Int) {
        rows.sort(by: before)
        if rows.count > n { rows.removeSubrange(n...) }
    }

    private static func tie(_ a: String.UTF8View, _ b: String.UTF8View, _ x: CatalogRecord, _ y: CatalogRecord) -> Bool {
        a.elementsEqual(b) ? byID(x, y) : a.lexicographicallyPrecedes(b)
    }

    /// Equal keys: id order, so the output is the same on every run.
    private static func byID(_ a: CatalogRecord, _ b: CatalogRecord) -> Bool {
        a.id.uuidString < b.id.uuidString
    }
}
