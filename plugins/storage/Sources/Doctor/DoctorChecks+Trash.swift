import ObjectStore
import R2SCore
import Services

extension DoctorChecks {
    /// Pages of the trash listing `doctor` reads (100,000 copies) before it reports "at least".
    static let trashPageLimit = 100

    /// The trash: where it is, how many copies and bytes it holds, and the lifecycle rule that
    /// would expire them without r2s; a warning when an S3 profile has none.
    func trashFinding() async -> DoctorFinding? {
        let trash: Trash?
        do {
            trash = try (services as? any TrashServices)?.trash(context)
        } catch {
            return DoctorFinding(
                check: .trash, status: .warn,
                detail: LocalizedText(RmExecution.describe(error, context.language)),
                fix: (error as? any UserFacingError)?.localizedHint(context.language).map { LocalizedText($0) })
        }
        guard let trash else {
            guard services is any TrashServices, context.profile.name != Profile.localName else { return nil }
            return DoctorFinding(check: .trash, status: .warn, detail: .doctorNoTrash, fix: .trashNoneHint)
        }
        var count = 0
        var bytes: Int64 = 0
        var pages = 0
        do {
            for try await page in trash.store.list(ListOptions(prefix: trash.location.prefix)) {
                for object in page.objects where TrashName.parse(object.key, prefix: trash.location.prefix) != nil {
                    count += 1
                    bytes += object.size
                }
                pages += 1
                if pages >= Self.trashPageLimit { break }
            }
        } catch {
            return DoctorFinding(
                check: .trash, status: .fail, detail: LocalizedText(RmExecution.describe(error, context.language)),
                fix: .trashCopyFailedHint)
        }
        let atLeast = pages >= Self.trashPageLimit
        let detail = LocalizedText.doctorTrash(trash.location.description, count, ByteSizeText.format(bytes), atLeast: atLeast)
        switch trash.location {
        case .folder:
            return DoctorFinding(check: .trash, status: .pass, detail: detail, fix: .doctorTrashPurge)
        case .bucket(let bucket, let prefix, _):
            return DoctorFinding(check: .trash, status: .pass, detail: detail, fix: .doctorTrashLifecycle(bucket, prefix))
        }
    }
}

/// Byte counts for people (`1.5 MiB`).
enum ByteSizeText {
    static func format(_ bytes: Int64) -> String { Format.humanSize(bytes) }
}

extension LocalizedText {
    static let doctorNoTrash = LocalizedText(
        en: "no trash: `rm` deletes objects for good", ptBR: "sem lixeira: `rm` exclui objetos definitivamente")
    static func doctorTrash(_ location: String, _ count: Int, _ size: String, atLeast: Bool) -> LocalizedText {
        let n = (atLeast ? "≥ " : "") + String(count)
        return LocalizedText(
            en: "\(location): \(n) trashed copies, \(size)", ptBR: "\(location): \(n) cópias na lixeira, \(size)")
    }
    static let doctorTrashPurge = LocalizedText(
        en: "empty it now and then with `trash purge --older-than 30d`",
        ptBR: "esvazie de vez em quando com `trash purge --older-than 30d`")
    static func doctorTrashLifecycle(_ bucket: String, _ prefix: String) -> LocalizedText {
        let scope = prefix.isEmpty ? "" : " (prefix \(prefix))"
        return LocalizedText(
            en: "to expire copies automatically, add an R2 lifecycle rule on bucket \(bucket)\(scope) that deletes "
                + "objects 30 days after upload (dashboard: R2 › \(bucket) › Settings › Object lifecycle rules), "
                + "or run `trash purge --older-than 30d`",
            ptBR: "para expirar cópias automaticamente, crie uma regra de ciclo de vida do R2 no bucket \(bucket)\(scope) "
                + "que exclua objetos 30 dias após o envio (painel: R2 › \(bucket) › Settings › Object lifecycle rules), "
                + "ou rode `trash purge --older-than 30d`")
    }
}
