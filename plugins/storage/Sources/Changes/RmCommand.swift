import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Services

/// `rm ID|KEY…` / `rm -r FOLDER…`: copy the objects to the trash, soft-delete the rows, then
/// delete the objects (`RmExecution`).
struct RmCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete files: copy them to the trash, soft-delete their rows, then delete the objects.",
        discussion: """
            Order matters: each object is first copied (server-side) into the profile's trash
            (R2S_TRASH; the local profile has a trash folder), then its rows are soft-deleted
            (deleted_at, updated_at, updated_by from R2S_ACTOR), then the object is deleted. A
            failed copy deletes nothing; a failure later leaves a state `restore` or a second `rm`
            fixes. Rows are never removed. An object without a row is simply deleted; a row whose
            object is already gone is soft-deleted. When a row is chosen by id and another active
            row still points at the same object, the object is kept. Without a trash, deletions
            are final (`trash init` creates one); --no-trash deletes for good. `mv` never trashes.

            -r deletes every file under a folder (rows in batches, objects with DeleteObjects
            batches, copies to the trash in parallel). More than one item asks for confirmation on
            a terminal; scripts must pass --yes (without it they are refused with exit 4).
            --dry-run prints each step that would run and changes nothing. Exit: 0 done, 5 some
            items failed.

            EXAMPLES:
              rm 'fichas/foto 1.jpg'
              rm 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f --keep-object
              rm fichas/a.pdf fichas/b.pdf --yes
              rm -r fichas/2023 --dry-run
              rm -r fichas/2023 --yes --no-trash
            """)

    @Argument(help: ArgumentHelp("Row ids, object keys or public urls (folders with -r).", valueName: "ID|KEY"))
    var items: [String]

    @Flag(name: [.customShort("r"), .long], help: "Delete every file under each FOLDER.")
    var recursive = false

    @Flag(name: .customLong("keep-object"), help: "Only soft-delete the rows; leave the objects.")
    var keepObject = false

    @Flag(name: .customLong("no-trash"), help: "Delete the objects for good, without a copy in the trash.")
    var noTrash = false

    @Flag(name: .customLong("dry-run"), help: "Print what would be done; change nothing.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Do not ask for confirmation (required in scripts for several items).")
    var yes = false

    func validate() throws {
        if items.isEmpty { throw ValidationError("give at least one ID or KEY") }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        await Completion.keysAndIDs(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        // Several items are refused up front (before any lookup), as before -r existed.
        if !recursive && items.count > 1, let refused = try confirm(items.count, context, folders: nil) { return refused }
        let access = try StorageAccess(context)
        let actor = try access.actor()
        let store = try access.store()
        let catalog = try access.catalog()
        let trash = keepObject || noTrash ? nil : try access.trash()
        let tally = ItemTally(context)
        var targets: [RmTarget] = []
        if recursive {
            let mapping = try access.mapping()
            for folder in items { targets += try await RmTarget.folder(folder, store: store, catalog: catalog, mapping: mapping) }
            guard !targets.isEmpty else {
                context.info(.rmFolderEmpty(items.joined(separator: ", ")))
                return .ok
            }
            if targets.count > 1, let refused = try confirm(targets.count, context, folders: items, trash: trash != nil) {
                return refused
            }
        } else {
            let locator = Locator(catalog: catalog, mapping: try access.mapping(), store: store)
            for item in items {
                do {
                    targets.append(try await RmTarget.resolve(item, locator: locator, store: store))
                } catch {
                    tally.failure(item, error)
                }
            }
        }
        if dryRun {
            RmDryRun(targets: targets, trash: trash, keepObject: keepObject).print(context)
            return tally.status
        }
        if trash == nil && !keepObject && !noTrash { access.noteNoTrash() }
        var execution = RmExecution(store: store, catalog: catalog, trash: trash, actor: actor, keepObject: keepObject)
        if targets.count > 1 {
            execution.board = CountBoard(context, verb: .removing, total: targets.count)
            execution.board?.start(targets[0].key ?? targets[0].item)
        }
        let outcomes = await execution.run(targets)
        execution.board?.clear()
        report(targets, outcomes, tally, context)
        if tally.succeeded > 0 { Completion.invalidate(context) }
        return tally.status
    }

    /// The mass-delete rule: on a terminal ask, in a script require --yes. `nil` = go on.
    private func confirm(_ n: Int, _ context: ShellContext, folders: [String]?, trash: Bool = false) throws -> ExitStatus? {
        guard !yes && !dryRun else { return nil }
        guard context.console.isInteractive && context.console.isTerminal else {
            throw CommandError(.rmNeedsYes(n), hint: .rmNeedsYesHint, status: .refused)
        }
        let question: LocalizedText =
            folders.map { .rmFolderConfirm(n, $0.map(Format.word).joined(separator: ", "), trash: trash) }
            ?? .rmConfirm(n, keepObject: keepObject)
        guard context.console.confirm(context.text(question)) else {
            context.info(.cancelledNothingChanged)
            return .refused
        }
        return nil
    }

    private func report(_ targets: [RmTarget], _ outcomes: [RmExecution.Outcome?], _ tally: ItemTally, _ context: ShellContext) {
        let rows = context.rows(Self.columns)
        defer { rows.finish() }
        for (t, outcome) in zip(targets, outcomes) {
            let key = t.key ?? t.item
            switch outcome {
            case .copyFailed(let error):
                tally.failure(
                    t.item,
                    CommandError(.trashCopyFailed(key, RmExecution.describe(error, context.language)), hint: .trashCopyFailedHint, status: .failure))
                rows.add(cells(t, object: context.text(.objectStateKept), status: "failed"))
            case .rowsFailed(let error):
                tally.failure(
                    t.item,
                    CommandError(.rmRowsFailed(t.item, RmExecution.describe(error, context.language)), hint: .rmRowsFailedHint, status: .failure))
                rows.add(cells(t, object: context.text(.objectStateKept), status: "failed"))
            case .deleteFailed(let message, let trashed):
                let text: LocalizedText = trashed == nil ? .objectDeleteFailed(key, message) : .trashedButNotDeleted(key, message)
                tally.failure(t.item, CommandError(text, hint: .objectDeleteFailedHint(Format.word(key)), status: .failure))
                rows.add(cells(t, object: context.text(.objectStateFailed), status: "failed"))
            case .done:
                let object: LocalizedText =
                    !t.objectExists ? .objectAbsent : (keepObject || t.objectShared) ? .objectStateKept : .objectStateDeleted
                if t.objectShared && !keepObject { context.warn(.objectShared(key)) }
                tally.success()
                rows.add(cells(t, object: context.text(object), status: "ok"))
            case nil:
                break
            }
        }
    }

    /// The trash copy is not a column (the table stays what scripts parse); `trash ls` shows it.
    private func cells(_ t: RmTarget, object: String, status: String) -> [OutputValue] {
        [.string(t.item), .text(t.key), .int(Int64(t.rowIDs.count)), .string(object), .string(status)]
    }

    static let columns = [
        OutputColumn("item"), OutputColumn("key"), OutputColumn("rows", alignRight: true), OutputColumn("object"),
        OutputColumn("status"),
    ]
}
