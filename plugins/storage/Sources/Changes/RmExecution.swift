import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Services

/// The batched deletion behind `rm`, in the order that keeps every failure recoverable:
///
/// 1. **Copy to the trash** (when there is one): server-side copies, `copyJobs` at a time. A
///    target whose copy fails stops here: its row stays active and its object stays.
/// 2. **Soft-delete the rows** in batches of `rowBatch` ids. A batch that fails stops the run for
///    its targets and the later ones: their rows stay active, their objects stay (their trash
///    copies are harmless extras).
/// 3. **Delete the objects** with DeleteObjects batches (≤ 1,000 keys each). A key that fails
///    is reported with its row already soft-deleted and its copy in the trash: a second `rm`
///    finishes it.
struct RmExecution: Sendable {
    let store: any ObjectStore
    let catalog: any CatalogStore
    let trash: Trash?
    let actor: UUID?
    let keepObject: Bool

    /// Parallel server-side copies (each one small request; the server does the work).
    static let copyJobs = 16
    /// Row ids per soft-delete statement (PostgREST splits its own PATCHes further).
    static let rowBatch = 1000

    /// What happened to one target.
    enum Outcome: Sendable {
        case done(trashed: TrashEntry?)
        /// The copy to the trash failed: nothing was changed.
        case copyFailed(any Error)
        /// The rows could not be soft-deleted: nothing was deleted (a trash copy may exist).
        case rowsFailed(any Error)
        /// Rows soft-deleted (and the object in the trash), but the object delete failed.
        case deleteFailed(String, trashed: TrashEntry?)
    }

    /// Runs the three steps; `date` is the deletion time written into trash names.
    func run(_ targets: [RmTarget], date: Date = Date()) async -> [Outcome?] {
        var outcomes = [Outcome?](repeating: nil, count: targets.count)
        var trashed = [TrashEntry?](repeating: nil, count: targets.count)
        if let trash {
            let copies = targets.indices.filter { targets[$0].deletesObject(keepObject: keepObject) }
            for (index, result) in await copyAll(copies, of: targets, into: trash, date) {
                switch result {
                case .success(let entry): trashed[index] = entry
                case .failure(let error): outcomes[index] = .copyFailed(error)
                }
            }
        }
        // Rows, batch by batch; a failed batch fails its targets and every later one.
        var batch: [Int] = []
        var batchIDs = 0
        var rowsError: (any Error)?
        func flush() async {
            defer { batch = []; batchIDs = 0 }
            guard !batch.isEmpty else { return }
            if rowsError == nil {
                do {
                    _ = try await catalog.softDelete(ids: batch.flatMap { targets[$0].rowIDs }, actor: actor)
                    return
                } catch {
                    rowsError = error
                }
            }
            for i in batch { outcomes[i] = .rowsFailed(rowsError!) }
        }
        for i in targets.indices where outcomes[i] == nil && !targets[i].rowIDs.isEmpty {
            if batchIDs + targets[i].rowIDs.count > Self.rowBatch { await flush() }
            batch.append(i)
            batchIDs += targets[i].rowIDs.count
        }
        await flush()
        // Targets without rows whose batch failed never reach here: they had no rows. Objects
        // of targets still fine go in DeleteObjects batches.
        let deletions = targets.indices.filter { outcomes[$0] == nil && targets[$0].deletesObject(keepObject: keepObject) }
        var failures: [String: String] = [:]
        if !deletions.isEmpty {
            let keys = deletions.map { targets[$0].key! }
            do {
                for f in try await store.delete(keys: keys) { failures[f.key] = f.message.isEmpty ? f.code : f.message }
            } catch {
                let message = RmExecution.describe(error)
                for key in keys { failures[key] = message }
            }
        }
        for i in targets.indices where outcomes[i] == nil {
            if let key = targets[i].key, let message = failures[key] {
                outcomes[i] = .deleteFailed(message, trashed: trashed[i])
            } else {
                outcomes[i] = .done(trashed: trashed[i])
            }
        }
        return outcomes
    }

    /// The copies of `targets[indices]`, `copyJobs` in flight; results by target index.
    private func copyAll(_ indices: [Int], of targets: [RmTarget], into trash: Trash, _ date: Date) async
        -> [Int: Result<TrashEntry, any Error>]
    {
        await withTaskGroup(of: (Int, Result<TrashEntry, any Error>).self) { group in
            var results: [Int: Result<TrashEntry, any Error>] = [:]
            results.reserveCapacity(indices.count)
            var pending = indices.makeIterator()
            var started = 0
            while started < Self.copyJobs, let index = pending.next() {
                let (key, rowID) = (targets[index].key ?? "", targets[index].rowIDs.first)
                group.addTask { (index, await Self.copy(key, rowID, trash, date)) }
                started += 1
            }
            while let (index, result) = await group.next() {
                results[index] = result
                if let next = pending.next() {
                    let (key, rowID) = (targets[next].key ?? "", targets[next].rowIDs.first)
                    group.addTask { (next, await Self.copy(key, rowID, trash, date)) }
                }
            }
            return results
        }
    }

    private static func copy(_ key: String, _ rowID: UUID?, _ trash: Trash, _ date: Date) async -> Result<TrashEntry, any Error> {
        do {
            return .success(try await trash.put(key, rowID: rowID, at: date))
        } catch {
            return .failure(error)
        }
    }

    /// A user-facing message for an error, without secrets (typed errors carry safe texts).
    static func describe(_ error: any Error, _ language: Language = .en) -> String {
        (error as? any UserFacingError)?.localizedMessage(language) ?? String(describing: type(of: error))
    }
}
