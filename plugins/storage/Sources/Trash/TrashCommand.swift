import ArgumentParser
import R2SCore

/// The `trash` group word: where `rm` puts deleted objects (docs/trash.md).
struct TrashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trash", abstract: "The trash: set it up, list deleted objects, empty it.",
        discussion: """
            `rm` copies each object into the profile's trash before deleting it, and `restore`
            brings it back. The trash is a separate bucket (R2S_TRASH=BUCKET[/PREFIX]); the local
            profile has a trash folder. It is never listed, synced, checked or catalogued.

            EXAMPLES:
              trash ls
              trash ls fichas/
              trash purge --older-than 30d --dry-run
            """,
        subcommands: [TrashInitCommand.self, TrashLsCommand.self, TrashPurgeCommand.self])
}
