import ArgumentParser
import Catalog
import ObjectStore
import R2SCore

/// What `sync-item remove` and `sync-item restore` take: the row, and older public bases its url
/// may be under.
struct SyncItemRowArguments: ParsableArguments {
    @Argument(help: "The record id.")
    var id: String

    @Option(name: .customLong("url-base"), help: ArgumentHelp("An older public base the row's url may be under.", valueName: "OLD_BASE"))
    var urlBases: [String] = []
}

/// `remove` and `restore` are one check read two ways: the row must still be active to be
/// removed (soft-deleted to be restored) and its file still gone (back again); otherwise the
/// line changes nothing and says why, so a late or repeated plan converges.
enum SyncItemRowChange {
    case remove, restore

    func run(_ arguments: SyncItemRowArguments, in context: ShellContext) async throws -> ExitStatus {
        let id = arguments.id, restoring = self == .restore
        let env = try await SyncItemEnvironment(context, urlBases: arguments.urlBases)
        return try await env.catalog.withSyncLock {
            let (row, key) = try await env.row(id)
            guard row.isDeleted == restoring else {
                env.log.info(restoring ? .syncItemAlreadyActive(id) : .syncItemAlreadyRemoved(id))
                return .ok
            }
            let objectExists = try await env.store.head(key) != nil
            guard objectExists == restoring else {
                env.log.warning(restoring ? .syncItemObjectGone(key) : .syncItemObjectExists(key))
                return .ok
            }
            if restoring {
                _ = try await env.catalog.restore(ids: [row.id], actor: env.actor)
                env.log.info(.syncRecordRestored(nome: row.nome, url: row.url))
            } else {
                _ = try await env.catalog.softDelete(ids: [row.id], actor: env.actor)
                env.log.info(.syncRecordRemoved(nome: row.nome, url: row.url))
            }
            return .ok
        }
    }
}
