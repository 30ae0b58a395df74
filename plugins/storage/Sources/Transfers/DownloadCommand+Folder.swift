import ObjectStore
import R2SCore

extension DownloadCommand {
    /// `download -r FOLDER [DEST]`: lists the folder once, then downloads `jobs` objects at a time
    /// into DEST, each to the path `DownloadTarget.relativePath` gives (never outside DEST).
    func downloadFolder(in context: ShellContext) async throws -> ExitStatus {
        let store = try StorageAccess(context).store()
        let dest = destination ?? "."
        guard LocalFiles.kind(dest) == .directory else {
            throw CommandError(.noSuchFolder(dest), hint: .downloadFolderDestHint, status: .failure)
        }
        let folder = Format.folder(item)
        let tally = ItemTally(context)
        var objects: [(object: ObjectInfo, path: [String])] = []
        for try await page in store.list(ListOptions(prefix: folder)) {
            for object in page.objects {
                switch DownloadTarget.relativePath(forKey: object.key, under: folder) {
                case .success(let path): objects.append((object, path))
                case .failure(let problem):
                    tally.failure(
                        object.key,
                        CommandError(
                            .unsafeLocalName(object.key, problem), hint: .unsafeFolderKeyHint(object.key), status: .refused))
                }
            }
        }
        let rows = context.rows(Self.folderColumns)
        let board = TransferBoard(
            context, verb: .downloading, files: objects.count, bytes: objects.reduce(0) { $0 + $1.object.size })
        let overwrite = force
        let skip = skipExisting
        let items = objects
        await ParallelRuns.run(count: items.count, jobs: jobs) { index in
            try await Self.fetch(items[index].object, to: items[index].path, under: dest, store: store,
                overwrite: overwrite, skip: skip, board: board)
        } done: { index, result in
            let (object, _) = items[index]
            switch result {
            case .success(let written):
                tally.success()
                board.finished(object.key, bytes: object.size, line: .downloadedLine(written.status, object.key))
                rows.add([.string(object.key), .string(written.path), Format.size(object.size, context.format), .string(written.status)])
            case .failure(let error):
                board.finished(object.key, bytes: object.size, line: nil)
                tally.failure(object.key, error)
                rows.add([.string(object.key), nil, Format.size(object.size, context.format), "failed"])
            }
        }
        board.clear()
        rows.finish()
        return tally.status
    }

    static let folderColumns = [
        OutputColumn("key"), OutputColumn("path"), OutputColumn("size", alignRight: true), OutputColumn("status"),
    ]

    /// One object of the folder: its folders made (real folders only), the file checked, then
    /// the store's download (temporary file renamed when complete).
    private static func fetch(
        _ object: ObjectInfo, to segments: [String], under dest: String, store: any ObjectStore,
        overwrite: Bool, skip: Bool, board: TransferBoard
    ) async throws -> (path: String, status: String) {
        guard let name = segments.last, let parent = LocalFiles.makeFolders(segments.dropLast(), under: dest) else {
            throw CommandError(.localFolderBlocked(LocalFiles.join(dest, segments.dropLast().joined(separator: "/"))), status: .failure)
        }
        let path = LocalFiles.join(parent, name)
        if LocalFiles.exists(path) {
            guard case .file = LocalFiles.kind(path, followLinks: false), LocalFiles.isRegularFile(path) else {
                throw CommandError(.localNotFile(path), status: .failure)
            }
            if skip { return (path, "skipped") }
            if !overwrite { throw CommandError(.localExists(path), hint: .localExistsHint, status: .refused) }
        }
        _ = try await store.download(object.key, to: path, range: nil, progress: board.reporter(for: object.key))
        return (path, "downloaded")
    }
}
