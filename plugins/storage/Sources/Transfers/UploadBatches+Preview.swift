import Catalog
import FoundationEssentials
import R2SCore

extension UploadBatches {
    /// What `upload --dry-run` says a file would get.
    enum Preview: Sendable {
        /// A new object; `row` is the active row that would be updated (none: a row is inserted).
        case upload(row: UUID?)
        /// `--overwrite` would replace the existing object (and update `row`, or insert one).
        case replace(row: UUID?)
        /// `--skip-existing` would leave the existing object alone.
        case skip

        /// The status column of the dry-run table.
        var status: String {
            switch self {
            case .upload: "would upload"
            case .replace: "would replace"
            case .skip: "would skip"
            }
        }

        var row: UUID? {
            switch self {
            case .upload(let row), .replace(let row): row
            case .skip: nil
            }
        }
    }

    /// The decisions a run would take, from the same survey (listing per batch, the folders'
    /// rows read once), without uploading or writing anything. A key that exists without --overwrite or
    /// --skip-existing is the refusal the run would report.
    func preview(_ next: () -> [UploadFile]?, each: (UploadFile, Result<Preview, any Error>) -> Void) async {
        let (known, failure) = await readFolders()
        while let batch = next() {
            let plans: [Plan]
            do {
                if let failure { throw failure }
                try Task.checkCancellation()
                plans = batch.isEmpty ? [] : try await survey(batch, known: known)
            } catch {
                for file in batch { each(file, .failure(error)) }
                continue
            }
            for plan in plans {
                guard plan.existed else {
                    each(plan.file, .success(.upload(row: plan.activeRow?.id)))
                    continue
                }
                switch job.existing {
                case .refuse:
                    each(plan.file, .failure(CommandError(.keyExists(plan.file.key), hint: .keyExistsHint, status: .refused)))
                case .skip: each(plan.file, .success(.skip))
                case .overwrite: each(plan.file, .success(.replace(row: plan.activeRow?.id)))
                }
            }
        }
    }
}
