import FoundationEssentials
import R2SCore
import SyncEngine
import Synchronization

/// `check --list WHICH` (and the `orphans` plugin): the items behind check's counts, printed as
/// a table, `--json` or `--csv` — like `rclone check --missing-on-src`. Only the selected items
/// are kept (the drift, not the agreeing keys), then printed sorted, so the output is the same
/// whatever order the bucket and the catalog were read in.
final class CheckListing: Sendable {
    /// What `--list` selects.
    enum Selection: String, CaseIterable, Sendable {
        /// Objects without an active row (sync would add or restore a row).
        case missingRows = "missing-rows"
        /// Active rows whose object is gone (sync would soft-delete the row).
        case missingObjects = "missing-objects"
        /// Object and row disagree on size or content type.
        case mismatched
        /// `missing-rows` and `missing-objects`: what the `orphans` plugin lists.
        case orphans
        /// Every item that is not `ok` (also duplicates, young, foreign, ambiguous…).
        case all

        static let names = allCases.map(\.rawValue)
    }

    static let columns = [
        OutputColumn("issue"), OutputColumn("key"), OutputColumn("url"), OutputColumn("record_id"),
        OutputColumn("kind"), OutputColumn("reason"),
    ]
    /// People read the table: no ids and no raw kind (the issue says it).
    static let tableColumns = [OutputColumn("issue"), OutputColumn("key"), OutputColumn("url"), OutputColumn("reason")]

    private let selections: Set<Selection>
    private let scrub: @Sendable (String) -> String
    private let items = Mutex<[SyncItem]>([])

    /// - Parameter selections: raw `--list` values, already validated (comma lists allowed).
    init(_ values: [String], scrub: @escaping @Sendable (String) -> String) {
        selections = Set(Self.split(values).compactMap(Selection.init(rawValue:)))
        self.scrub = scrub
    }

    /// `--list a,b --list c` → `[a, b, c]`.
    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map(String.init) }
    }

    /// The first value that names no selection, for the usage error.
    static func invalid(_ values: [String]) -> String? {
        split(values).first { Selection(rawValue: $0) == nil }
    }

    /// The issue an item is listed under, `nil` for agreeing keys.
    static func issue(_ kind: SyncItem.Kind) -> String? {
        switch kind {
        case .ok: nil
        case .add, .restore: "missing-row"
        case .remove: "missing-object"
        case .mismatch: "mismatched"
        default: kind.rawValue
        }
    }

    func wants(_ kind: SyncItem.Kind) -> Bool {
        guard kind != .ok else { return false }
        if selections.contains(.all) { return true }
        switch kind {
        case .add, .restore: return !selections.isDisjoint(with: [.missingRows, .orphans])
        case .remove: return !selections.isDisjoint(with: [.missingObjects, .orphans])
        case .mismatch: return selections.contains(.mismatched)
        default: return false
        }
    }

    /// The engine's classified item (called from its observer, on any task).
    func add(_ item: SyncItem) {
        guard wants(item.kind) else { return }
        items.withLock { $0.append(item) }
    }

    /// Prints the selected items, sorted by issue then key (or url), in the context's format.
    func print(in context: ShellContext) {
        let sorted = items.withLock { $0 }.sorted { a, b in
            let (ia, ib) = (Self.issue(a.kind) ?? "", Self.issue(b.kind) ?? "")
            if ia != ib { return ia < ib }
            return (a.key ?? a.url ?? "").utf8.lexicographicallyPrecedes((b.key ?? b.url ?? "").utf8)
        }
        let table = context.format == .table
        let rows = context.rows(table ? Self.tableColumns : Self.columns)
        defer { rows.finish() }
        for item in sorted {
            let url = item.url.map(scrub)
            let issue = OutputValue.text(Self.issue(item.kind))
            if table {
                rows.add([issue, .text(item.key), .text(url), .string(scrub(item.reason))])
            } else {
                rows.add([
                    issue, .text(item.key), .text(url), .text(item.recordID?.uuidString.lowercased()),
                    .string(item.kind.rawValue), .string(scrub(item.reason)),
                ])
            }
        }
    }
}
