import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// What `upload` does with one file: object first, then the row; if the row cannot be written
/// the new object is removed again, and if that fails too the error says exactly which command
/// removes it. Never a silent orphan.
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

    func run(_ file: UploadFile, progress: TransferProgress?) async throws -> Result {
        let before = try await store.head(file.key)
        if before != nil {
            switch existing {
            case .refuse: throw CommandError(.keyExists(file.key), hint: .keyExistsHint, status: .refused)
            case .skip: return Result(file: file, outcome: .skipped, record: nil)
            case .overwrite: break
            }
        }
        // An active row of this key (object missing, or being replaced) is updated, not duplicated.
        let rows = try await Locator(catalog: catalog, mapping: mapping).rows(forKey: file.key)
        let activeRow = rows.filter { !$0.isDeleted }.min { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
        let type = contentType ?? MediaTypes.type(forKey: file.key)
        let info = try await store.upload(file.path, to: file.key, contentType: type, progress: progress)
        do {
            let record = try await writeRow(file, size: info.size, type: type, activeRow: activeRow)
            return Result(file: file, outcome: before == nil ? .uploaded : .replaced, record: record)
        } catch {
            throw await rollBack(file, rowError: error, replacedExisting: before != nil)
        }
    }

    private func writeRow(_ file: UploadFile, size: Int64, type: String, activeRow: CatalogRecord?) async throws
        -> CatalogRecord
    {
        if let activeRow {
            var changes = RecordChanges(nome: nome, contentType: type, size: size)
            if let referencia { changes.referencia = .some((referencia.tipo, referencia.id)) }
            return try await catalog.update(id: activeRow.id, changes, actor: actor)
        }
        let row = NewRecord(
            nome: nome ?? Format.lastSegment(file.key), url: mapping.url(for: file.key), contentType: type, size: size,
            tipoReferencia: referencia?.tipo, referenciaId: referencia?.id, createdBy: actor)
        guard let stored = try await catalog.insert([row]).first else {
            throw CommandError(.rowNotReturned(file.key), status: .failure)
        }
        return stored
    }

    /// Removes the object this job created (not a replaced one: its old content is gone and the
    /// key had a row or was already uncatalogued). Runs even when the command was cancelled.
    private func rollBack(_ file: UploadFile, rowError: any Error, replacedExisting: Bool) async -> any Error {
        if replacedExisting {
            return UploadRowError(key: file.key, rowError: rowError, cleanup: .keptReplaced)
        }
        let store = self.store
        let key = file.key
        let removal = await Task { () -> (any Error)? in
            do {
                try await store.delete(key)
                return nil
            } catch {
                return error
            }
        }.value
        return UploadRowError(key: key, rowError: rowError, cleanup: removal == nil ? .removed : .orphaned)
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

    var userMessage: String { localizedMessage(.en) }
    var hint: String? { localizedHint(.en) }

    func localizedMessage(_ language: Language) -> String {
        let cause =
            (rowError as? any UserFacingError)?.localizedMessage(language)
            ?? LocalizedText.internalError(String(describing: type(of: rowError))).resolve(language)
        let what: LocalizedText =
            switch cleanup {
            case .removed: .rowFailedRemoved(cause)
            case .orphaned: .rowFailedOrphan(cause)
            case .keptReplaced: .rowFailedReplaced(cause)
            }
        return what.resolve(language)
    }

    func localizedHint(_ language: Language) -> String? {
        switch cleanup {
        case .removed: return (rowError as? any UserFacingError)?.localizedHint(language)
        case .orphaned: return LocalizedText.orphanFix("rm --yes " + Format.word(key)).resolve(language)
        case .keptReplaced: return LocalizedText.replacedFix("upload --overwrite …", Format.word(key)).resolve(language)
        }
    }

    var exitStatus: ExitStatus {
        if rowError is CancellationError { return .interrupted }
        return (rowError as? any UserFacingError)?.exitStatus ?? .failure
    }
}
