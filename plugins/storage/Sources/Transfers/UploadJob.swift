import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// What `upload` writes for a file: the settings of one run and the row it gets. The object goes
/// first, then the row; `UploadBatches` runs the files a batch at a time.
struct UploadJob: Sendable {
    enum Outcome: String, Sendable {
        case uploaded
        /// `--overwrite` replaced an existing object.
        case replaced
        /// `--skip-existing` left an existing object alone.
        case skipped
    }

    struct Result: Sendable {
        var file: UploadFile
        var outcome: Outcome
        var record: CatalogRecord?
    }

    enum Existing: Sendable { case refuse, overwrite, skip }

    /// `tipo_referencia` and `referencia_id` from `--ref`.
    struct Reference: Sendable {
        var tipo: String
        var id: UUID
    }

    let store: any ObjectStore
    let catalog: any CatalogStore
    let mapping: KeyMapping
    let existing: Existing
    let nome: String?
    let contentType: String?
    let referencia: Reference?
    let actor: UUID?

    /// The row a new upload gets (nome = the file name unless `--name`, url in the write style).
    func newRecord(_ file: UploadFile, size: Int64, type: String) -> NewRecord {
        NewRecord(
            nome: nome ?? Format.lastSegment(file.key), url: mapping.url(for: file.key), contentType: type, size: size,
            tipoReferencia: referencia?.tipo, referenciaId: referencia?.id, createdBy: actor)
    }

    /// Brings the active row of a key that had one (object missing, or replaced) up to date,
    /// instead of adding a duplicate.
    func updateRow(_ activeRow: CatalogRecord, size: Int64, type: String) async throws -> CatalogRecord {
        var changes = RecordChanges(nome: nome, contentType: type, size: size)
        if let referencia { changes.referencia = .some((referencia.tipo, referencia.id)) }
        return try await catalog.update(id: activeRow.id, changes, actor: actor)
    }
}

/// The row of an uploaded object could not be written; says what happened to the object.
struct UploadRowError: UserFacingError {
    enum Cleanup: Sendable {
        /// The new object was deleted again: nothing changed.
        case removed
        /// Deleting it failed too: it is an orphan until the printed command runs.
        case orphaned
        /// The object replaced an existing one (`--overwrite`), which cannot be brought back.
        case keptReplaced
    }

    var key: String
    var rowError: any Error
    var cleanup: Cleanup

    var message: LocalizedText {
        let cause = (rowError as? any UserFacingError)?.message ?? .internalError(String(describing: type(of: rowError)))
        return LocalizedText { language in
            switch cleanup {
            case .removed: LocalizedText.rowFailedRemoved(cause.resolve(language)).resolve(language)
            case .orphaned: LocalizedText.rowFailedOrphan(cause.resolve(language)).resolve(language)
            case .keptReplaced: LocalizedText.rowFailedReplaced(cause.resolve(language)).resolve(language)
            }
        }
    }

    var hintText: LocalizedText? {
        switch cleanup {
        case .removed: (rowError as? any UserFacingError)?.hintText
        case .orphaned: .orphanFix("rm --yes " + Format.word(key))
        case .keptReplaced: .replacedFix("upload --overwrite …", Format.word(key))
        }
    }

    var exitStatus: ExitStatus {
        if rowError is CancellationError { return .interrupted }
        return (rowError as? any UserFacingError)?.exitStatus ?? .failure
    }
}
