import FoundationEssentials
import ObjectStore
import R2SCore

extension UploadCommand {
    /// `upload --abort-stale`: aborts the incomplete multipart uploads under `--to` started more
    /// than `--older-than` ago. Younger ones are left alone: they may be uploads running now.
    func abortStaleUploads(in context: ShellContext) async throws -> ExitStatus {
        let store = try StorageAccess(context).store()
        let cutoff = Date().addingTimeInterval(-Double(Durations.seconds(olderThan) ?? 86_400))
        let stale = try await store.incompleteUploads(prefix: prefix).filter { StaleUploads.isStale($0, before: cutoff) }
        let tally = ItemTally(context)
        let rows = context.rows([
            OutputColumn("key"), OutputColumn("upload_id"), OutputColumn("initiated"), OutputColumn("status"),
        ])
        for upload in stale {
            do {
                try await store.abortIncompleteUpload(upload)
                tally.success()
                rows.add([.string(upload.key), .string(upload.uploadID), Format.date(upload.initiated, context.format), "aborted"])
            } catch {
                tally.failure(upload.key, error)
                rows.add([.string(upload.key), .string(upload.uploadID), Format.date(upload.initiated, context.format), "failed"])
            }
        }
        rows.finish()
        if stale.isEmpty { context.info(.noStaleUploads(olderThan)) }
        return tally.status
    }
}

/// The one rule for "stale" shared by `doctor` and `upload --abort-stale`.
enum StaleUploads {
    /// Started before `cutoff`. An upload whose start the store does not report is never
    /// stale: it could be one running now (S3 always reports it).
    static func isStale(_ upload: IncompleteUpload, before cutoff: Date) -> Bool {
        guard let initiated = upload.initiated else { return false }
        return initiated < cutoff
    }

    /// `doctor`'s age: a day.
    static let doctorAge: TimeInterval = 86_400
}
