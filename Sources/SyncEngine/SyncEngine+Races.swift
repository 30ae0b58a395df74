import Catalog
import FoundationEssentials
import ObjectStore

/// Apply-time re-checks against the app writing at the same time as sync.
///
/// The plan comes from a read that may be seconds (over PostgREST, minutes) old when a batch is
/// written. Right before each batch, the rows of its keys are read again — every url spelling
/// (`urlForms`: encoded and raw, NFC, every base) — and a change the app made meanwhile wins:
///
/// - an **addition** is dropped when its key now has an active row, or a row changed after the
///   `--min-age` cutoff (the app just inserted, or just deleted, that file's row);
/// - a **restore** is dropped when its row changed after the cutoff (the app soft-deleted it
///   again, or edited it), is gone, or the key now has another active row;
/// - a **soft-delete** is dropped when its row changed after the cutoff (e.g. the app re-uploaded
///   the file and touched the row) or is gone. (A row the app soft-deleted or restored is left
///   alone by the store itself: soft-delete only touches active rows, restore only deleted ones.)
///
/// Changes are re-checked `recheckSize` at a time, so what remains is the time between the
/// re-check and the write (a few requests); a change that lands exactly there is seen by the next
/// run (a duplicate is reported, never hidden).
extension SyncEngine {
    /// Changes re-checked per lookup: Postgres reads 5,000 urls in one statement.
    static let recheckSize = 5000

    /// The additions of `batch` whose key still has no row claiming it.
    func unclaimed(_ batch: ArraySlice<SyncPlan.Addition>, cutoff: Date) async throws -> [SyncPlan.Addition] {
        let rows = try await catalog.records(urls: unique(batch.flatMap { mapping.urlForms(for: $0.key) }))
        var claimed: Set<String> = []
        for row in rows where row.deletedAt == nil || Self.changed(row) > cutoff {
            if case .key(let key) = mapping.resolve(row.url) { claimed.insert(key) }
        }
        return batch.filter { !claimed.contains(KeyMapping.canonicalKey($0.key)) }
    }

    /// The changes of `batch` whose row is unchanged since the cutoff (and, for a restore, whose
    /// key has no active row now).
    func stillValid(
        _ batch: ArraySlice<SyncPlan.RowChange>, cutoff: Date, restoring: Bool
    ) async throws -> [SyncPlan.RowChange] {
        let urls = unique(batch.flatMap { [$0.url] + mapping.urlForms(for: $0.key) })
        let rows = try await catalog.records(urls: urls)
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var activeKeys: Set<String> = []
        if restoring {
            for row in rows where row.deletedAt == nil {
                if case .key(let key) = mapping.resolve(row.url) { activeKeys.insert(key) }
            }
        }
        return batch.filter { change in
            guard let row = byID[change.id], Self.changed(row) <= cutoff else { return false }
            return !restoring || !activeKeys.contains(KeyMapping.canonicalKey(change.key))
        }
    }

    /// The latest of a row's timestamps (what `--min-age` compares).
    static func changed(_ row: CatalogRecord) -> Date {
        [row.createdAt, row.updatedAt, row.deletedAt].compactMap { $0 }.max() ?? .distantPast
    }

    private func unique(_ urls: [String]) -> [String] {
        var seen: Set<String> = []
        return urls.filter { seen.insert($0).inserted }
    }
}
