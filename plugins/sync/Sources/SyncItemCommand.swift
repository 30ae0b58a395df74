import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Services
import SyncEngine

/// `sync-item add|remove|restore`: one sync change, re-checked against the bucket right before
/// it is made. This is what `sync --plan` scripts are made of.
///
/// Why a command of its own rather than `rm --keep-object ID` / `restore ID`: a plan may be
/// applied hours after it was written. Each `sync-item` line re-reads the row and HEADs the
/// object first and does nothing when the reason for the change is gone (the file came back,
/// the row was already added), so stale, repeated or partially applied plans converge instead
/// of doing damage. Adding a row for an object that is already uploaded also has no other
/// command (uploads add rows themselves).
struct SyncItemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync-item",
        abstract: "Apply one sync change after re-checking it (the lines of `sync --plan` scripts).",
        discussion: """
            Each subcommand re-checks the bucket and the row first and skips (exit 0, with a \
            note) when the change no longer applies, so a plan can be applied late or twice.

            EXAMPLES:
              sync-item add fichas/exame.pdf
              sync-item add --encoded fichas/foto%20%2B%20legenda.jpg
              sync-item remove 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
              sync-item restore 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
            """,
        subcommands: [Add.self, Remove.self, Restore.self])

    /// `sync-item add KEY`: a row for an object that has none.
    struct Add: ShellCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a catalog row for a file already in the bucket (skipped when it has one).")

        @Argument(help: "The object key.")
        var key: String

        @Flag(help: "The key is percent-encoded (%XX), as plans write it.")
        var encoded = false

        func run(in context: ShellContext) async throws -> ExitStatus {
            guard let key = encoded ? SyncPlanFile.decode(key) : key, !key.isEmpty else {
                throw CommandError(.syncItemBadEncoding, status: .usage)
            }
            let env = try await SyncItemEnvironment(context)
            return try await env.catalog.withSyncLock {
                guard let info = try await env.store.head(key) else {
                    env.log.warning(.syncItemNoObject(key))
                    return .ok
                }
                let existing = try await env.catalog.records(urls: env.mapping.urlForms(for: key))
                if existing.contains(where: { !$0.isDeleted }) {
                    env.log.info(.syncItemHasRow(key))
                    return .ok
                }
                let object = IndexedObject(
                    key: key, size: info.size, lastModified: info.lastModified,
                    contentType: info.contentType ?? ObjectIndex.extensionType(ofKey: key), inScope: true)
                let record = SyncClassifier(options: SyncOptions(actor: env.actor), mapping: env.mapping).newRecord(for: object)
                _ = try await env.catalog.insert([record])
                env.log.info(.syncRecordAdded(nome: record.nome, url: record.url))
                return .ok
            }
        }
    }

    /// `sync-item remove ID`: soft-delete a row whose object is gone.
    struct Remove: ShellCommand {
        static let configuration = CommandConfiguration(
            abstract: "Soft-delete a catalog row whose file is gone (skipped when the file exists).")

        @OptionGroup var row: SyncItemRowArguments

        func run(in context: ShellContext) async throws -> ExitStatus {
            try await SyncItemRowChange.remove.run(row, in: context)
        }
    }

    /// `sync-item restore ID`: restore a soft-deleted row whose object exists again.
    struct Restore: ShellCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a soft-deleted row whose file exists again (skipped when the file is gone).")

        @OptionGroup var row: SyncItemRowArguments

        func run(in context: ShellContext) async throws -> ExitStatus {
            try await SyncItemRowChange.restore.run(row, in: context)
        }
    }
}

/// The services one `sync-item` line needs.
struct SyncItemEnvironment: Sendable {
    let store: any ObjectStore
    let catalog: any CatalogStore
    let mapping: KeyMapping
    let log: SyncLog
    /// `R2S_ACTOR`, written to created_by / updated_by like every other writing command.
    let actor: UUID?

    init(_ context: ShellContext, urlBases: [String] = []) async throws {
        let services = try SyncModule.services(in: context)
        store = try services.objectStore(context)
        catalog = try services.catalog(context)
        let log = SyncLog(context: context, report: nil)
        mapping = try await services.writeMapping(context, note: { log.info($0) }).adding(alternateBases: urlBases)
        self.log = log
        actor = try context.catalogActor()
    }

    /// The row and the key its url names; throws when it does not exist or is not ours.
    func row(_ id: String) async throws -> (CatalogRecord, String) {
        guard let uuid = UUID(uuidString: id), let row = try await catalog.record(id: uuid) else {
            throw CommandError(.noRecord(id: id), status: .failure)
        }
        guard case .key(let key) = mapping.resolve(row.url) else {
            throw CommandError(.syncItemNotOurs(row.url), status: .refused)
        }
        return (row, key)
    }
}
