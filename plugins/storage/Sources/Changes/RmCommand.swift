import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// `rm ID|KEY…`: soft-delete the rows first, then delete the objects.
struct RmCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete files: soft-delete their rows (deleted_at), then delete the objects.",
        discussion: """
            Order matters: the rows are soft-deleted first (deleted_at, updated_at, updated_by from
            R2S_ACTOR), then the objects are deleted, so a failure half-way leaves a state `restore`
            or a second `rm` can fix. Rows are never removed. An object without a row is simply
            deleted; a row whose object is already gone is soft-deleted. When a row is chosen by id
            and another active row still points at the same object, the object is kept.

            More than one item asks for confirmation on a terminal; scripts must pass --yes (without
            it they are refused with exit 4). Exit: 0 done, 5 some items failed.

            EXAMPLES:
              rm 'fichas/foto 1.jpg'
              rm 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f --keep-object
              rm fichas/a.pdf fichas/b.pdf --yes
            """)

    @Argument(help: ArgumentHelp("Row ids, object keys or public urls.", valueName: "ID|KEY"))
    var items: [String]

    @Flag(name: .customLong("keep-object"), help: "Only soft-delete the rows; leave the objects.")
    var keepObject = false

    @Flag(name: [.short, .long], help: "Do not ask for confirmation (required in scripts for several items).")
    var yes = false

    func validate() throws {
        if items.isEmpty { throw ValidationError("give at least one ID or KEY") }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        await Completion.keysAndIDs(request, in: context)
    }

    /// One item after resolution: the rows to soft-delete and the object to delete.
    private struct Target {
        var item: String
        var key: String?
        var rowIDs: [UUID]
        var objectExists: Bool
        /// Another active row (not chosen) still uses the object.
        var objectShared: Bool
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        if items.count > 1 && !yes {
            guard context.console.isInteractive && context.console.isTerminal else {
                throw CommandError(.rmNeedsYes(items.count), hint: .rmNeedsYesHint, status: .refused)
            }
            guard context.console.confirm(context.text(.rmConfirm(items.count, keepObject: keepObject))) else {
                context.info(.cancelled)
                return .refused
            }
        }
        let access = try StorageAccess(context)
        let actor = try access.actor()
        let store = try access.store()
        let locator = Locator(catalog: try access.catalog(), mapping: try access.mapping(), store: store)
        let tally = ItemTally(context)
        var targets: [Target] = []
        for item in items {
            do {
                targets.append(try await resolve(item, locator: locator, store: store))
            } catch {
                tally.failure(item, error)
            }
        }
        let rows = context.rows(Self.columns)
        defer { rows.finish() }
        let ids = targets.flatMap(\.rowIDs)
        if !ids.isEmpty {
            do {
                _ = try await locator.catalog.softDelete(ids: ids, actor: actor)
            } catch {
                // Nothing was deleted: the objects stay, so every item fails the same way.
                for t in targets { tally.failure(t.item, error) }
                return tally.status
            }
        }
        var failures: [String: KeyFailure] = [:]
        let keys = keepObject ? [] : targets.filter { $0.objectExists && !$0.objectShared }.compactMap(\.key)
        if !keys.isEmpty {
            do {
                for f in try await store.delete(keys: keys) { failures[f.key] = f }
            } catch {
                for key in keys { failures[key] = KeyFailure(key: key, code: "Error", message: Self.describe(error, context)) }
            }
        }
        for t in targets {
            let object: LocalizedText
            if let key = t.key, let failure = failures[key] {
                tally.failure(t.item, CommandError(.objectDeleteFailed(key, failure.message), hint: .objectDeleteFailedHint(Format.word(key)), status: .failure))
                rows.add(cells(t, object: context.text(.objectStateFailed), status: "failed"))
                continue
            }
            if !t.objectExists { object = .objectStateAbsent } else if keepObject || t.objectShared { object = .objectStateKept } else { object = .objectStateDeleted }
            if t.objectShared && !keepObject { context.warn(.objectShared(t.key ?? t.item)) }
            tally.success()
            rows.add(cells(t, object: context.text(object), status: "ok"))
        }
        if tally.succeeded > 0 { Completion.invalidate(context) }
        return tally.status
    }

    private func resolve(_ item: String, locator: Locator, store: any ObjectStore) async throws -> Target {
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
        return Target(
            item: item, key: object?.key ?? located.key, rowIDs: chosen, objectExists: object != nil,
            objectShared: !others.isEmpty)
    }

    private func cells(_ t: Target, object: String, status: String) -> [OutputValue] {
        [.string(t.item), .text(t.key), .int(Int64(t.rowIDs.count)), .string(object), .string(status)]
    }

    private static func describe(_ error: any Error, _ context: ShellContext) -> String {
        (error as? any UserFacingError)?.localizedMessage(context.language) ?? String(describing: type(of: error))
    }

    static let columns = [
        OutputColumn("item"), OutputColumn("key"), OutputColumn("rows", alignRight: true), OutputColumn("object"),
        OutputColumn("status"),
    ]
}
