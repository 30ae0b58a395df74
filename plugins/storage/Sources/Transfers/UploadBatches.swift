import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// `upload` of many files, a batch at a time: per batch one listing per folder instead of a HEAD
/// per file (`ExistingObjects`), the objects sent `jobs` at a time, then the rows written in one
/// insert. The active rows of each uploaded folder are read once for the whole run
/// (`FolderRows`); only keys outside those folders (single files, the bucket's root) get one
/// catalog read per batch for every url form of their keys.
///
/// The guarantee stays the one of a single file: a row is written only for an object that was
/// stored, and an object whose row cannot be written is removed again (or the error prints the
/// command that removes it) — for a failed insert, exactly the batch's new objects.
struct UploadBatches {
    let job: UploadJob
    let jobs: Int
    let batchSize: Int
    let progress: TransferBoard
    /// Key prefixes of the folders being uploaded (`UploadPlan.folders`), read once by prefix.
    var folders: [String] = []

    /// What the survey found for one file of a batch.
    struct Plan: Sendable {
        var file: UploadFile
        var existed: Bool
        var activeRow: CatalogRecord?
    }

    /// Runs every file `next` hands out (a batch per call, `nil` at the end; `UploadPlan`
    /// walks the folders as it goes), handing each outcome to `done` on the calling task (in
    /// batch order).
    func run(_ next: () -> [UploadFile]?, done: (UploadFile, Result<UploadJob.Result, any Error>) -> Void) async {
        let (known, readFailure) = await readFolders()
        // Set when no later batch can succeed: the folder read failed, or the catalog is gone.
        var failure = readFailure
        while let batch = next() {
            if Task.isCancelled || failure != nil {
                for file in batch { done(file, .failure(failure ?? CancellationError())) }
                continue
            }
            if !batch.isEmpty { failure = await runBatch(batch, known: known, done: done) }
        }
    }

    /// Runs one batch; returns the catalog's error when its rows could not be written and the
    /// catalog could not even be read back (it is gone): later batches are then not sent, since
    /// their objects would only be removed again.
    private func runBatch(
        _ batch: [UploadFile], known: [FolderRows], done: (UploadFile, Result<UploadJob.Result, any Error>) -> Void
    ) async -> (any Error)? {
        let plans: [Plan]
        do {
            plans = try await survey(batch, known: known)
        } catch {
            for file in batch { done(file, .failure(error)) }
            return nil
        }
        var sending: [Plan] = []
        for plan in plans {
            if plan.existed {
                switch job.existing {
                case .refuse:
                    done(plan.file, .failure(CommandError(.keyExists(plan.file.key), hint: .keyExistsHint, status: .refused)))
                    continue
                case .skip:
                    done(plan.file, .success(UploadJob.Result(file: plan.file, outcome: .skipped, record: nil)))
                    continue
                case .overwrite: break
                }
            }
            sending.append(plan)
        }
        // The objects, `jobs` at a time; the rows wait for the whole batch.
        let files = sending.map(\.file)
        let types = files.map { job.contentType ?? MediaTypes.type(forKey: $0.key) }
        let results = await send(files, types: types)
        var stored: [(plan: Plan, info: ObjectInfo, type: String)] = []
        for index in sending.indices {
            switch results[index] {
            case .success(let info): stored.append((sending[index], info, types[index]))
            case .failure(let error): done(sending[index].file, .failure(error))
            case nil: done(sending[index].file, .failure(CancellationError()))  // never started: stopped
            }
        }
        if Task.isCancelled {
            // Stopped: the batch's new objects go again rather than stay without rows.
            let plans = stored.map(\.plan)
            for (plan, failure) in zip(plans, await rollBack(plans, rowError: CancellationError())) {
                done(plan.file, .failure(failure))
            }
            return nil
        }
        return await writeRows(stored, done: done)
    }

    /// Uploads the objects, `jobs` at a time; the result of each by index (none: never started).
    /// A method of its own: the closures inside `runBatch`, beside its `done` parameter, crashed
    /// the 6.3.1 compiler (ClosureLifetimeFixup).
    private func send(_ files: [UploadFile], types: [String]) async -> [Int: Result<ObjectInfo, any Error>] {
        let store = job.store
        let progress = self.progress
        var results: [Int: Result<ObjectInfo, any Error>] = [:]
        await ParallelRuns.run(count: files.count, jobs: jobs) { index in
            let file = files[index]
            return try await store.upload(
                file.path, to: file.key, contentType: types[index], progress: progress.reporter(for: file.key))
        } done: { index, result in
            results[index] = result
        }
        return results
    }

    /// The rows of every uploaded folder, one prefix read each (none when there is no folder),
    /// read once for all batches; or why the read failed, which fails every batch.
    func readFolders() async -> (rows: [FolderRows], failure: (any Error)?) {
        do {
            return (try await [FolderRows].read(folders, catalog: job.catalog, mapping: job.mapping), nil)
        } catch {
            return ([], error)
        }
    }

    /// Existing objects (listing) and active rows of a batch: from the folder reads in `known`,
    /// and for keys outside them one read of every url form.
    func survey(_ batch: [UploadFile], known: [FolderRows]) async throws -> [Plan] {
        let existing = try await ExistingObjects.find(batch.map(\.key), in: job.store)
        var keyOf: [[UInt8]: Int] = [:]
        var urls: [String] = []
        var active: [Int: CatalogRecord] = [:]
        for (index, file) in batch.enumerated() {
            if let folder = known.covering(file.key) {
                // The oldest active row of a key is the one kept up to date (as a single upload does).
                active[index] = folder.rows(for: file.key, mapping: job.mapping).first
                continue
            }
            for url in job.mapping.urlForms(for: file.key) where keyOf[Array(url.utf8)] == nil {
                keyOf[Array(url.utf8)] = index
                urls.append(url)
            }
        }
        let rows = urls.isEmpty ? [] : try await job.catalog.records(urls: urls)
        for row in rows where !row.isDeleted {
            guard let index = keyOf[Array(row.url.utf8)] else { continue }
            // The oldest active row of a key is the one kept up to date (as a single upload does).
            if let current = active[index], (current.createdAt ?? .distantPast) <= (row.createdAt ?? .distantPast) { continue }
            active[index] = row
        }
        return batch.enumerated().map { index, file in
            Plan(
                file: file, existed: existing.contains(Array(KeyMapping.canonicalKey(file.key).utf8)),
                activeRow: active[index])
        }
    }

    /// Updates the rows of keys that had one, inserts the others in one statement; a failed
    /// write removes the objects it concerns.
    private func writeRows(
        _ stored: [(plan: Plan, info: ObjectInfo, type: String)],
        done: (UploadFile, Result<UploadJob.Result, any Error>) -> Void
    ) async -> (any Error)? {
        var inserts: [(plan: Plan, row: NewRecord)] = []
        for item in stored {
            let file = item.plan.file
            guard let activeRow = item.plan.activeRow else {
                inserts.append((item.plan, job.newRecord(file, size: item.info.size, type: item.type)))
                continue
            }
            do {
                let record = try await job.updateRow(activeRow, size: item.info.size, type: item.type)
                let outcome: UploadJob.Outcome = item.plan.existed ? .replaced : .uploaded
                done(file, .success(UploadJob.Result(file: file, outcome: outcome, record: record)))
            } catch {
                done(file, .failure(await rollBack([item.plan], rowError: error)[0]))
            }
        }
        guard !inserts.isEmpty else { return nil }
        do {
            let records = try await job.catalog.insert(inserts.map(\.row))
            for (index, item) in inserts.enumerated() {
                let file = item.plan.file
                guard index < records.count else {
                    // Stores return every row or throw; a short answer leaves the row's fate unknown,
                    // so the object stays and the error names its key.
                    done(file, .failure(CommandError(.rowNotReturned(file.key), status: .failure)))
                    continue
                }
                let outcome: UploadJob.Outcome = item.plan.existed ? .replaced : .uploaded
                done(file, .success(UploadJob.Result(file: file, outcome: outcome, record: records[index])))
            }
            return nil
        } catch {
            return await insertFailed(inserts, error: error, done: done)
        }
    }

    /// A failed insert may still have written rows (a lost response, a store that splits the
    /// insert): the rows of the batch's urls are read back and only the objects left without one
    /// are removed. When even that read fails, nothing was written as far as r2s can tell (a
    /// failed statement writes nothing) and every object of the batch goes; the error is then
    /// returned (the catalog is gone for the batches after this one).
    private func insertFailed(
        _ inserts: [(plan: Plan, row: NewRecord)], error: any Error,
        done: (UploadFile, Result<UploadJob.Result, any Error>) -> Void
    ) async -> (any Error)? {
        let catalog = job.catalog
        let urls = inserts.map(\.row.url)
        let readBack = await Task { () -> [String: CatalogRecord]? in
            guard let rows = try? await catalog.records(urls: urls) else { return nil }
            var byURL: [String: CatalogRecord] = [:]
            for row in rows where !row.isDeleted { byURL[row.url] = row }
            return byURL
        }.value
        let written = readBack ?? [:]
        var lost: [Plan] = []
        for item in inserts {
            if let record = written[item.row.url], item.plan.activeRow == nil {
                let outcome: UploadJob.Outcome = item.plan.existed ? .replaced : .uploaded
                done(item.plan.file, .success(UploadJob.Result(file: item.plan.file, outcome: outcome, record: record)))
            } else {
                lost.append(item.plan)
            }
        }
        for (plan, failure) in zip(lost, await rollBack(lost, rowError: error)) { done(plan.file, .failure(failure)) }
        return readBack == nil && !(error is CancellationError) ? error : nil
    }

    /// Removes the new objects of `plans` in one batch delete (a replaced object stays: its old
    /// content is gone); runs even when the command was cancelled. One error per plan.
    private func rollBack(_ plans: [Plan], rowError: any Error) async -> [any Error] {
        let store = job.store
        let keys = plans.filter { !$0.existed }.map(\.file.key)
        let failedKeys = await Task { () -> Set<String> in
            guard !keys.isEmpty else { return [] }
            do {
                return Set(try await store.delete(keys: keys).map(\.key))
            } catch {
                return Set(keys)
            }
        }.value
        return plans.map { plan in
            let cleanup: UploadRowError.Cleanup =
                plan.existed ? .keptReplaced : failedKeys.contains(plan.file.key) ? .orphaned : .removed
            return UploadRowError(key: plan.file.key, rowError: rowError, cleanup: cleanup)
        }
    }
}
