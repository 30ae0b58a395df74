import ArgumentParser
import ObjectStore
import R2SCore

/// `download KEY|ID [DEST]`: one object to a local file.
struct DownloadCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download an object (by key, row id or url) to a local file.",
        discussion: """
            DEST defaults to the key's last segment in the current folder; a DEST that is a folder
            (or ends in /) receives the file under that name. A key whose last segment is empty
            (it ends in /), '.' or '..' gives no safe name and is refused: give DEST as a file. An existing local file is never replaced without
            --force. The file is written under a temporary name and renamed when complete, so an
            interrupted download leaves nothing half-written. Progress shows on a terminal.

            EXAMPLES:
              download 'fichas/foto 1.jpg'
              download 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f /tmp/
              download fichas/relatorio.pdf copia.pdf --force
            """)

    @Argument(help: ArgumentHelp("Object key, row id or public url.", valueName: "KEY|ID"))
    var item: String

    @Argument(help: ArgumentHelp("Local file or folder (default: the current folder).", valueName: "DEST"))
    var destination: String?

    @Flag(help: "Replace an existing local file.")
    var force = false

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        guard request.option == nil else { return [] }
        switch request.previousWords.filter({ !$0.hasPrefix("-") }).count {
        case 0: return await Completion.keysAndIDs(request, in: context)
        case 1: return Completion.localPaths(request.prefix, in: context)  // DEST
        default: return []
        }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
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
