import ArgumentParser
import Catalog
import R2SCore
import Services

/// `trash ls [PREFIX]`: the trashed copies, with their original key, row id, size and time.
struct TrashLsCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List trashed objects: original key, row id, size, deletion time.",
        discussion: """
            PREFIX is matched against the original keys (`fichas/` lists what was deleted under
            fichas/). Oldest deletions of a key come first.

            EXAMPLES:
              trash ls
              trash ls fichas/
            """)

    @Argument(help: ArgumentHelp("Only original keys starting with this.", valueName: "PREFIX"))
    var prefix: String = ""

    func run(in context: ShellContext) async throws -> ExitStatus {
        guard let trash = try StorageAccess(context).trash() else {
            throw CommandError(.trashNone, hint: .trashNoneHint, status: .config)
        }
        let rows = context.rows(Self.columns)
        defer { rows.finish() }
        for try await page in trash.entries(keyPrefix: prefix) {
            for entry in page {
                rows.add([
                    .string(entry.key), Format.uuid(entry.rowID), Format.size(entry.size, context.format),
                    .string(CatalogTimestamp.format(entry.deletedAt)), .string(entry.trashKey),
                ])
            }
        }
        return .ok
    }

    static let columns = [
        OutputColumn("key"), OutputColumn("row"), OutputColumn("size", alignRight: true), OutputColumn("deleted"),
        OutputColumn("trash_key"),
    ]
}
