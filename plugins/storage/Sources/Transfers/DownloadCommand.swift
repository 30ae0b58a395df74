import ArgumentParser
import ObjectStore
import R2SCore

/// `download KEY|ID [DEST]`: one object to a local file.
struct DownloadCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download an object (by key, row id or url) to a local file.",
        discussion: """
            With -r, KEY is a folder (key prefix): every object under it is downloaded, --jobs
            at a time, into DEST/<folder name>/… keeping the folder structure (`download -r
            media/fotos /tmp` writes /tmp/fotos/…; an empty KEY takes the whole bucket into DEST).
            DEST must be an existing folder. Each key segment must be a safe file name (as
            below), so nothing is ever written outside DEST; a key that gives none is reported and
            skipped, and no folder that is a symlink is written through. Existing files are refused
            (exit 4 for them) unless --force or --skip-existing.

            DEST defaults to the key's last segment in the current folder; a DEST that is a folder
            (or ends in /) receives the file under that name. A key whose last segment is empty
            (it ends in /), '.' or '..' gives no safe name and is refused: give DEST as a file. An existing local file is never replaced without
            --force. The file is written under a temporary name and renamed when complete, so an
            interrupted download leaves nothing half-written. Progress shows on a terminal.

            EXAMPLES:
              download 'fichas/foto 1.jpg'
              download 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f ./
              download fichas/relatorio.pdf copia.pdf --force
              download -r fichas /tmp --jobs 16 --skip-existing
            """)

    @Argument(help: ArgumentHelp("Object key, row id or public url.", valueName: "KEY|ID"))
    var item: String

    @Argument(help: ArgumentHelp("Local file or folder (default: the current folder).", valueName: "DEST"))
    var destination: String?

    @Flag(help: "Replace an existing local file.")
    var force = false

    @Flag(name: [.short, .long], help: "Download every object under the folder KEY (keeps the folder structure).")
    var recursive = false

    @Option(help: ArgumentHelp("With -r: files downloaded at the same time (1–64).", valueName: "N"))
    var jobs = 8

    @Flag(name: .customLong("skip-existing"), help: "With -r: leave local files that already exist alone.")
    var skipExisting = false

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64") }
        if force && skipExisting { throw ValidationError("--force and --skip-existing exclude each other") }
        if !recursive && skipExisting { throw ValidationError("--skip-existing needs -r") }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        guard request.option == nil else { return [] }
        switch request.previousWords.filter({ !$0.hasPrefix("-") }).count {
        case 0: return await Completion.keysAndIDs(request, in: context)
        case 1: return Completion.localPaths(request.prefix, in: context)  // DEST
        default: return []
        }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        if recursive { return try await downloadFolder(in: context) }
        let access = try StorageAccess(context)
        let store = try access.store()
        let located = try await Locator(catalog: try access.catalog(), mapping: try access.mapping(), store: store).locate(item)
        guard let key = located.key else {
            throw CommandError(.noKey(item), hint: .noKeyHint, status: .failure)
        }
        guard let info = try await store.headCanonical(key) else {
            throw CommandError(.objectNotFound(key), hint: .objectNotFoundHint, status: .failure)
        }
        let path = try DownloadTarget.localPath(forKey: info.key, destination: destination)
        switch LocalFiles.kind(path) {
        case .missing: break
        case .file: if !force { throw CommandError(.localExists(path), hint: .localExistsHint, status: .refused) }
        case .directory, .special: throw CommandError(.localNotFile(path), status: .failure)
        }
        let board = TransferBoard(context, verb: .downloading, files: 1, bytes: info.size)
        let done = try await store.download(info.key, to: path, range: nil, progress: board.reporter(for: info.key))
        board.finished(info.key, bytes: info.size, line: nil)
        board.clear()
        context.summary([
            ("key", .string(info.key)), ("path", .string(path)), ("size", Format.size(done.size, context.format)),
            ("type", .text(done.contentType ?? info.contentType)),
        ])
        return .ok
    }
}
