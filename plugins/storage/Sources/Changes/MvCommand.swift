import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// `mv SRC DST`: copy the object, point its rows at the new key, delete the old object.
struct MvCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "mv",
        abstract: "Rename or move a file: copy the object, update url and nome of its rows, delete the old object.",
        discussion: """
            DST is a key, or a folder when it ends with `/` (the name is kept). Steps: server-side
            copy to DST; update the active rows of SRC (url → DST's public url; nome → DST's name
            when it was SRC's file name, a custom nome is kept) in one transaction where the catalog
            has them; delete SRC. If the rows cannot be updated the copy is deleted again and
            nothing changed. If only the last step fails, the rows already point at DST and the
            error prints the command that removes the old object (exit 5).

            An existing DST (object or active row) is refused with exit 4 unless --overwrite (its
            active rows are then soft-deleted: they described the file being replaced).

            A SRC ending in `/` is a folder: every object under it moves to the same relative key
            under DST (which must end in `/` too: `mv fotos/ arquivo/fotos/`), --jobs copies at a
            time, the rows of each batch of 500 updated in one transaction, then the sources
            deleted in one batch; existing destinations are refused one by one (exit 4 for them)
            unless --overwrite. --dry-run prints what would be moved and changes nothing.

            EXAMPLES:
              mv 'fichas/foto 1.jpg' 'fichas/foto capa.jpg'
              mv fichas/relatorio.pdf arquivo/2025/
              mv 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f fichas/novo.pdf --overwrite
              mv fichas/2024/ arquivo/2024/ --dry-run
            """)

    @Argument(help: ArgumentHelp("Object key, row id or url to move.", valueName: "SRC"))
    var source: String

    @Argument(help: ArgumentHelp("New key, or a folder ending with /.", valueName: "DST"))
    var destination: String

    @Flag(help: "Replace an existing DST.")
    var overwrite = false

    @Option(help: ArgumentHelp("Folder moves: objects copied at the same time (1–64).", valueName: "N"))
    var jobs = 16

    @Flag(name: .customLong("dry-run"), help: "Print what would be moved; change nothing.")
    var dryRun = false

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64") }
        if source.hasSuffix("/") && !destination.hasSuffix("/") {
            throw ValidationError("a folder SRC (ending in /) needs a folder DST ending in /")
        }
    }

    @Flag(
        name: .customLong("allow-dot-segments"),
        help: "Accept a DST with '.' or '..' segments (its public url names another object).")
    var allowDotSegments = false

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        await Completion.keysAndIDs(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        if source.hasSuffix("/") { return try await moveFolder(in: context) }
        let access = try StorageAccess(context)
        let actor = try access.actor()
        let store = try access.store()
        let catalog = try access.catalog()
        let mapping = try await access.writeMapping()
        let locator = Locator(catalog: catalog, mapping: mapping, store: store)
        let src = try await locator.locate(source)
        guard let srcKey = src.key else { throw CommandError(.noKey(source), hint: .noKeyHint, status: .failure) }
        guard let object = try await store.headCanonical(srcKey) else {
            throw CommandError(.objectNotFound(srcKey), hint: .objectNotFoundHint, status: .failure)
        }
        let from = object.key
        let dst = KeyMapping.canonicalKey(
            destination.hasSuffix("/") ? destination + Format.lastSegment(from) : destination)
        guard !dst.isEmpty, dst.utf8.count <= KeyMapping.maxKeyBytes else {
            throw CommandError(.keyTooLong(dst.utf8.count), status: .usage)
        }
        guard allowDotSegments || !DotSegments.contains(dst) else {
            throw CommandError(.dotSegmentKey(dst), hint: .dotSegmentKeyHint, status: .refused)
        }
        guard !dst.utf8.elementsEqual(from.utf8) else { throw CommandError(.sameKey(dst), status: .usage) }
        let dstExisted = try await store.head(dst) != nil
        let dstRows = try await locator.rows(forKey: dst).filter { !$0.isDeleted }
        if (dstExisted || !dstRows.isEmpty) && !overwrite {
            throw CommandError(.keyExists(dst), hint: .mvExistsHint, status: .refused)
        }
        if dryRun {
            context.summary([
                ("from", .string(from)), ("to", .string(dst)), ("url", .string(mapping.url(for: dst))),
                ("rows", .array(src.activeTargets.map { Format.uuid($0.id) })),
                ("replaces", .array(dstRows.map { Format.uuid($0.id) })), ("status", "would move"),
            ])
            return .ok
        }
        try await store.copy(from: from, to: dst)
        let moving = src.activeTargets
        let newURL = mapping.url(for: dst)
        let oldName = Format.lastSegment(from)
        let newName = Format.lastSegment(dst)
        let replaced = dstRows.map(\.id)
        let updated: [CatalogRecord]
        do {
            updated = try await catalog.withTransaction { writer in
                if !replaced.isEmpty { _ = try await writer.softDelete(ids: replaced, actor: actor) }
                var out: [CatalogRecord] = []
                for row in moving {
                    let changes = RecordChanges(nome: row.nome == oldName ? newName : nil, url: newURL)
                    out.append(try await writer.update(id: row.id, changes, actor: actor))
                }
                return out
            }
        } catch {
            if !dstExisted {
                _ = await Task { try? await store.delete(dst) }.value
            }
            throw error
        }
        context.summary([
            ("from", .string(from)), ("to", .string(dst)), ("url", .string(newURL)),
            ("rows", .array(updated.map { Format.uuid($0.id) })),
        ])
        Completion.invalidate(context)
        do {
            try await store.delete(from)
        } catch {
            ErrorRenderer.render(
                CommandError(.mvSourceLeft(from), hint: .orphanFix("rm --yes " + Format.word(from)), status: .partial),
                in: context)
            return .partial
        }
        return .ok
    }
}
