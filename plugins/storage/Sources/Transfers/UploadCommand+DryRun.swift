import R2SCore

extension UploadCommand {
    /// `--dry-run`: the table a run would print, with `would upload|replace|skip` as status and
    /// the id of the row that would be updated (empty: a row would be inserted); refusals are
    /// reported as the run would report them (exit 4). Nothing is uploaded or written.
    func preview(
        _ next: () -> [UploadFile]?, _ batches: UploadBatches, tally: ItemTally, rows: RowWriter, context: ShellContext
    ) async -> ExitStatus {
        await batches.preview(next) { file, result in
            let size = Format.size(file.size, context.format)
            switch result {
            case .success(let preview):
                tally.success()
                rows.add([.string(file.path), .string(file.key), size, .string(preview.status), Format.uuid(preview.row)])
            case .failure(let error):
                tally.failure(file.path, error)
                rows.add([.string(file.path), .string(file.key), size, "would fail", nil])
            }
        }
        rows.finish()
        return tally.status
    }
}
