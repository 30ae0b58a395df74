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
///
/// With a trash the targets go through these steps `chunk` at a time, and the copies of the
/// next chunk run while the rows and objects of this one are deleted: the copies are most of
/// the work, so the deletions cost (almost) no extra wall time. The order per target is kept.
struct RmExecution: Sendable {
    let store: any ObjectStore
    let catalog: any CatalogStore
    let trash: Trash?
    let actor: UUID?
    let keepObject: Bool
    /// The status line on a terminal: advanced once a chunk's targets are done.
    var board: CountBoard? = nil

    /// Parallel server-side copies (each one small request; the server does the work). The
    /// trash's own S3 client allows as many connections (`ProfileServices+Trash`).
    static let copyJobs = 64
    /// Row ids per soft-delete statement (PostgREST splits its own PATCHes further).
    static let rowBatch = 1000
    /// Targets per pipeline step when copying to the trash (one DeleteObjects batch at most).
    static let chunk = 500

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

    /// Copy results by target index.
    private typealias Copies = [Int: Result<TrashEntry, any Error>]

    /// Runs the three steps; `date` is the deletion time written into trash names.
    func run(_ targets: [RmTarget], date: Date = Date()) async -> [Outcome?] {
        var state = State(count: targets.count)
        guard let trash else {
            await apply(targets.indices, of: targets, copies: [:], into: &state)
            return state.outcomes
        }
        let chunks = stride(from: 0, to: targets.count, by: Self.chunk).map { $0..<min($0 + Self.chunk, targets.count) }
        var copied = chunks.isEmpty ? Copies() : await copyAll(chunks[0], of: targets, into: trash, date)
        for n in chunks.indices {
            // The next chunk's copies overlap this chunk's row and object deletions.
            async let ahead: Copies = n + 1 < chunks.count ? copyAll(chunks[n + 1], of: targets, into: trash, date) : [:]
            await apply(chunks[n], of: targets, copies: copied, into: &state)
            copied = await ahead
        }
        return state.outcomes
    }

    /// The outcomes so far, and the catalog error that stops every later soft-delete.
    private struct State {
        var outcomes: [Outcome?]
        var rowsError: (any Error)?
        init(count: Int) { outcomes = [Outcome?](repeating: nil, count: count) }
    }

    /// Steps 2 and 3 for `range` of `targets`, after its copies (`copies`) are done.
    private func apply(_ range: Range<Int>, of targets: [RmTarget], copies: Copies, into state: inout State) async {
        var trashed: [Int: TrashEntry] = [:]
        for (index, result) in copies {
            switch result {
            case .success(let entry): trashed[index] = entry
            case .failure(let error): state.outcomes[index] = .copyFailed(error)
            }
        }
        // Rows, batch by batch; a failed batch fails its targets and every later one.
        var batch: [Int] = []
        var batchIDs = 0
        func flush() async {
            defer { batch = []; batchIDs = 0 }
            guard !batch.isEmpty else { return }
            if state.rowsError == nil {
                do {
                    _ = try await catalog.softDelete(ids: batch.flatMap { targets[$0].rowIDs }, actor: actor)
                    return
                } catch {
                    state.rowsError = error
                }
            }
            for i in batch { state.outcomes[i] = .rowsFailed(state.rowsError!) }
        }
        for i in range where state.outcomes[i] == nil && !targets[i].rowIDs.isEmpty {
            if batchIDs + targets[i].rowIDs.count > Self.rowBatch { await flush() }
            batch.append(i)
            batchIDs += targets[i].rowIDs.count
        }
        await flush()
        // Targets without rows whose batch failed never reach here: they had no rows. Objects
        // of targets still fine go in DeleteObjects batches.
        let deletions = range.filter { state.outcomes[$0] == nil && targets[$0].deletesObject(keepObject: keepObject) }
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
        for i in range where state.outcomes[i] == nil {
            if let key = targets[i].key, let message = failures[key] {
                state.outcomes[i] = .deleteFailed(message, trashed: trashed[i])
            } else {
                state.outcomes[i] = .done(trashed: trashed[i])
            }
        }
        if let last = range.last { board?.advance(range.count, key: targets[last].key ?? targets[last].item) }
    }

    /// The copies of the targets of `range` whose object goes, `copyJobs` in flight.
    private func copyAll(_ range: Range<Int>, of targets: [RmTarget], into trash: Trash, _ date: Date) async -> Copies {
        let indices = range.filter { targets[$0].deletesObject(keepObject: keepObject) }
        return await withTaskGroup(of: (Int, Result<TrashEntry, any Error>).self) { group in
            var results = Copies()
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
