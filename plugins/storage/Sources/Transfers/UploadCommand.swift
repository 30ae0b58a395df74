import ArgumentParser
import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// `upload PATH…`: files, folders and patterns into the bucket, each with its catalog row.
struct UploadCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload files (folders with -r, patterns like 'scans/*.pdf') and write their catalog rows.",
        discussion: """
            Each file goes to PREFIX/<name> (a folder keeps its name: `-r fotos --to media` gives
            media/fotos/…; `-r .` uploads the current folder's contents). Keys are written in NFC.
            The object is uploaded first, then its row (nome = file name unless --name, url from
            R2_PUBLIC_URL, content_type from the extension unless --type, size, referencia from
            --ref, created_by from R2S_ACTOR). If the row cannot be written the object is deleted
            again; if even that fails, the error prints the command that removes it.

            An existing key is never replaced without --overwrite (its active row is then updated,
            not duplicated); --skip-existing leaves existing keys alone. A file larger than the
            catalog's size column can hold (2 GiB for INTEGER) is refused before anything is sent.
            Files go a batch at a time (--batch, default 500): one listing per destination
            folder instead of a HEAD per file, one catalog read per batch, one insert of the
            batch's rows; if that insert fails, exactly the batch's objects left without a row are
            removed again. --dry-run prints what would be uploaded, replaced or skipped.
            Files upload in parallel (--jobs, default 4); large ones go multipart. Progress shows on
            a terminal; elsewhere one line per file goes to stderr. Exit: 0 all uploaded/skipped,
            5 some failed, else the failure's status (4 = key exists).

            --abort-stale (no PATH) aborts the multipart uploads under --to that were started
            more than --older-than ago (default 1d) and never completed — what a killed upload
            leaves behind, its parts stored and billed. `doctor` lists them.

            EXAMPLES:
              upload relatorio.pdf --to fichas
              upload 'scans/*.pdf' --ref ficha:3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
              upload -r fotos --to media --jobs 8 --skip-existing
              upload -r fotos --to media --dry-run
              upload capa.png --to site --name 'Capa do site' --type image/png --overwrite
              upload --abort-stale --older-than 2d
            """)

    @Argument(help: ArgumentHelp("Files, folders (with -r) or quoted patterns.", valueName: "PATH"))
    var paths: [String] = []

    @Option(name: .customLong("to"), help: ArgumentHelp("Folder (key prefix) to upload into.", valueName: "PREFIX"))
    var prefix = ""

    @Option(help: ArgumentHelp("The row's nome (one file only; default: the file name).", valueName: "NAME"))
    var name: String?

    @Option(name: .customLong("type"), help: ArgumentHelp("Content type (default: from the extension).", valueName: "MIME"))
    var contentType: String?

    @Option(name: .customLong("ref"), help: ArgumentHelp("tipo_referencia and referencia_id.", valueName: "TIPO:UUID"))
    var ref: String?

    @Flag(name: [.short, .long], help: "Upload folders and everything under them.")
    var recursive = false

    @Option(help: ArgumentHelp("Files uploaded at the same time (1–64).", valueName: "N"))
    var jobs = 4

    @Option(help: ArgumentHelp("Rows written per catalog insert (1–1000).", valueName: "N"))
    var batch = 500

    @Flag(name: .customLong("dry-run"), help: "Print what would be uploaded, replaced or skipped; change nothing.")
    var dryRun = false

    @Flag(help: "Replace objects that already exist (their active row is updated).")
    var overwrite = false

    @Flag(name: .customLong("skip-existing"), help: "Leave objects that already exist alone.")
    var skipExisting = false

    @Flag(
        name: .customLong("allow-dot-segments"),
        help: "Store keys with '.' or '..' segments as written (their public urls name other objects).")
    var allowDotSegments = false

    @Flag(name: .customLong("abort-stale"), help: "Abort incomplete multipart uploads (no PATH).")
    var abortStale = false

    @Option(
        name: .customLong("older-than"),
        help: ArgumentHelp("With --abort-stale: only uploads started longer ago (default 1d).", valueName: "DURATION"))
    var olderThan = "1d"

    func validate() throws {
        if abortStale {
            if !paths.isEmpty { throw ValidationError("--abort-stale takes no PATH (use --to to limit it to a folder)") }
            guard let seconds = Durations.seconds(olderThan), seconds >= 0 else {
                throw ValidationError("--older-than \(olderThan): expected a duration such as 1d, 12h, 30m")
            }
            return
        }
        if paths.isEmpty { throw ValidationError("give at least one PATH") }
        if overwrite && skipExisting { throw ValidationError("--overwrite and --skip-existing exclude each other") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64") }
        guard (1...1000).contains(batch) else { throw ValidationError("--batch must be between 1 and 1000") }
        if let contentType, !MediaTypes.isValidPattern(contentType) || contentType.contains("*") {
            throw ValidationError("--type \(contentType): expected a content type such as application/pdf")
        }
        if let ref { _ = try Self.parseReference(ref) }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        if request.option == nil { return Completion.localPaths(request.prefix, in: context) }
        guard request.option == "--to" else { return [] }
        return await Completion.prefixes(request.prefix, in: context)
    }

    /// `tipo:uuid` → its two parts.
    static func parseReference(_ text: String) throws -> (tipo: String, id: UUID) {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
            let id = UUID(uuidString: String(text[text.index(after: colon)...]))
        else { throw ValidationError("--ref \(text): expected TIPO:UUID, e.g. ficha:3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f") }
        return (String(text[..<colon]), id)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        if abortStale { return try await abortStaleUploads(in: context) }
        let access = try StorageAccess(context)
        let actor = try access.actor()
        let store = try access.store()
        let catalog = try access.catalog()
        let limit = try await access.sizeLimit(catalog)
        // A first walk only counts (the progress line's totals, --name's one file); the second
        // hands the files out a batch at a time, so they are never all in memory.
        var styleMatters = false
        let totals = UploadPlan(paths: paths, prefix: prefix, recursive: recursive, allowDotSegments: allowDotSegments)
            .totals(upTo: limit) { key in
                if !styleMatters && !KeyMapping.spelledAlikeInEveryStyle(key) { styleMatters = true }
            }
        // The catalog's url style is only looked up when a key would be spelled differently by
        // some style: on a big catalog without a url index that lookup is a whole-table scan.
        let mapping = styleMatters ? try await access.writeMapping() : try access.writeMappingForPlainKeys()
        let plan = UploadPlan(paths: paths, prefix: prefix, recursive: recursive, allowDotSegments: allowDotSegments)
        if name != nil && totals.all > 1 {
            throw CommandError(.nameNeedsOneFile(totals.all), status: .usage)
        }
        let tally = ItemTally(context)
        let batchSize = batch
        func next() -> [UploadFile]? {
            let found = plan.next(batchSize)
            for problem in plan.takeProblems() { tally.failure(problem.item, problem.error) }
            return found?.filter { file in
                guard file.size > limit else { return true }
                tally.failure(file.path, CommandError(.fileTooLarge(file.size, limit), hint: .fileTooLargeHint, status: .failure))
                return false
            }
        }
        let job = UploadJob(
            store: store, catalog: catalog, mapping: mapping,
            existing: overwrite ? .overwrite : skipExisting ? .skip : .refuse, nome: name, contentType: contentType,
            referencia: try ref.map(Self.parseReference).map { UploadJob.Reference(tipo: $0.tipo, id: $0.id) }, actor: actor)
        let rows = context.rows(Self.columns)
        let progress = TransferBoard(context, verb: .uploading, files: totals.files, bytes: totals.bytes)
        let batches = UploadBatches(job: job, jobs: jobs, batchSize: batch, progress: progress, folders: plan.folders)
        if dryRun { return await preview(next, batches, tally: tally, rows: rows, context: context) }
        await batches.run(next) { file, result in
            switch result {
            case .success(let done):
                tally.success()
                progress.finished(file.key, bytes: file.size, line: .uploadedLine(done.outcome.rawValue, file.key))
                rows.add([
                    .string(file.path), .string(file.key), Format.size(file.size, context.format),
                    .string(done.outcome.rawValue), Format.uuid(done.record?.id),
                ])
            case .failure(let error):
                progress.finished(file.key, bytes: file.size, line: nil)
                tally.failure(file.path, error)
                rows.add([.string(file.path), .string(file.key), Format.size(file.size, context.format), "failed", nil])
            }
        }
        progress.clear()
        rows.finish()
        if tally.succeeded > 0 { Completion.invalidate(context) }
        return tally.status
    }

    static let columns = [
        OutputColumn("file"), OutputColumn("key"), OutputColumn("size", alignRight: true), OutputColumn("status"),
        OutputColumn("id"),
    ]
}
