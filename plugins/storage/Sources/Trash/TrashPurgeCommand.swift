import ArgumentParser
import FoundationEssentials
import ObjectStore
import R2SCore
import Scope
import Services

/// `trash purge --older-than AGE [PREFIX]`: delete trashed copies for good.
struct TrashPurgeCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete trashed copies older than AGE for good.",
        discussion: """
            Copies deleted more than AGE ago (30d, 12h, or a date) go, optionally only those whose
            original key starts with PREFIX. More than one copy asks for confirmation on a
            terminal; scripts must pass --yes (refused with exit 4 otherwise). --dry-run lists
            what would go. For automatic expiry, an R2 lifecycle rule on the trash bucket does
            the same without r2s (`doctor` suggests one).

            EXAMPLES:
              trash purge --older-than 30d --dry-run
              trash purge --older-than 90d fichas/ --yes
            """)

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Age (30d, 12h) or date.", valueName: "AGE"))
    var olderThan: String

    @Argument(help: ArgumentHelp("Only original keys starting with this.", valueName: "PREFIX"))
    var prefix: String = ""

    @Flag(name: .customLong("dry-run"), help: "List what would be deleted; delete nothing.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Do not ask for confirmation (required in scripts for several copies).")
    var yes = false

    func run(in context: ShellContext) async throws -> ExitStatus {
        let bound: Date
        do {
            bound = try TimeBound(parsing: olderThan).instant(now: Date())
        } catch {
            throw ValidationError("--older-than: '\(olderThan)' is not an age or date (30d, 12h, 2026-01-31)")
        }
        guard let trash = try StorageAccess(context).trash() else {
            throw CommandError(.trashNone, hint: .trashNoneHint, status: .config)
        }
        var old: [TrashEntry] = []
        for try await page in trash.entries(keyPrefix: prefix) { old += page.filter { $0.deletedAt < bound } }
        if old.count > 1 && !yes && !dryRun {
            guard context.console.isInteractive && context.console.isTerminal else {
                throw CommandError(.trashPurgeNeedsYes(old.count), hint: .trashPurgeNeedsYesHint, status: .refused)
            }
            guard context.console.confirm(context.text(.trashPurgeConfirm(old.count, olderThan))) else {
                context.info(.cancelledNothingChanged)
                return .refused
            }
        }
        let failures = dryRun ? [:] : Dictionary(
            try await trash.remove(old).map { ($0.key, $0.message.isEmpty ? $0.code : $0.message) },
            uniquingKeysWith: { a, _ in a })
        let tally = ItemTally(context)
        let rows = context.rows(Self.columns)
        defer { rows.finish() }
        for entry in old {
            if let message = failures[entry.trashKey] {
                tally.failure(entry.trashKey, CommandError(.trashPurgeFailed(entry.trashKey, message), status: .failure))
                rows.add([.string(entry.key), .string(entry.trashKey), .string("failed")])
            } else {
                tally.success()
                rows.add([.string(entry.key), .string(entry.trashKey), .string(dryRun ? "would purge" : "purged")])
            }
        }
        return tally.status
    }

    static let columns = [OutputColumn("key"), OutputColumn("trash_key"), OutputColumn("status")]
}
