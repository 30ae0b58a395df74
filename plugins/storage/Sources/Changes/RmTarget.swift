import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope

/// One thing `rm` deletes after resolution: the rows to soft-delete and the object to delete.
struct RmTarget: Sendable {
    /// What the user named (the key itself for the files of `rm -r FOLDER`).
    var item: String
    var key: String?
    var rowIDs: [UUID]
    var objectExists: Bool
    /// Another active row (not chosen) still uses the object: it is kept.
    var objectShared: Bool

    /// Whether `rm` deletes the object (and so copies it to the trash first).
    func deletesObject(keepObject: Bool) -> Bool { !keepObject && objectExists && !objectShared && key != nil }
}

extension RmTarget {
    /// `ID|KEY|URL` → a target, by the shared `Locator` rules (HEAD for the object).
    static func resolve(_ item: String, locator: Locator, store: any ObjectStore) async throws -> RmTarget {
        let located = try await locator.locate(item)
        let object = try await located.key.asyncMap { try await store.headCanonical($0) } ?? nil
        let chosen = located.activeTargets.map(\.id)
        guard object != nil || !chosen.isEmpty else {
            if !located.deletedTargets.isEmpty {
                throw CommandError(.alreadyDeleted(item), hint: .alreadyDeletedHint, status: .failure)
            }
            throw CommandError(.notFound(item), hint: .notFoundHint, status: .failure)
        }
        let others = located.records.filter { !$0.isDeleted && !chosen.contains($0.id) }
        return RmTarget(
            item: item, key: object?.key ?? located.key, rowIDs: chosen, objectExists: object != nil,
            objectShared: !others.isEmpty)
    }

    /// Every file of a folder (`rm -r`): the objects under it joined with their active rows, plus
    /// the active rows whose object is already gone — the same join `ls` and `check` use, one
    /// listing page and one batch of row lookups at a time (no HEAD per file).
    static func folder(
        _ folder: String, store: any ObjectStore, catalog: any CatalogStore, mapping: KeyMapping
    ) async throws -> [RmTarget] {
        let prefix = folder.isEmpty || folder.hasSuffix("/") ? folder : folder + "/"
        let scope = try Scope(layers: [FilterRules(prefixes: [prefix])])
        let join = ListingJoin(
            store: store, catalog: catalog, mapping: mapping, scope: scope, includeDeleted: false, wantsCatalogSide: true)
        var byKey: [String: Int] = [:]
        var targets: [RmTarget] = []
        try await join.run { entry in
            guard let key = entry.key else { return true }  // ambiguous/foreign rows: never guessed at
            let rowID = entry.row.flatMap { $0.isDeleted ? nil : $0.id }
            if let index = byKey[key] {
                if let rowID { targets[index].rowIDs.append(rowID) }
                return true
            }
            guard entry.object != nil || rowID != nil else { return true }
            byKey[key] = targets.count
            targets.append(
                RmTarget(
                    item: key, key: key, rowIDs: rowID.map { [$0] } ?? [], objectExists: entry.object != nil,
                    objectShared: false))
            return true
        }
        return targets
    }
}
