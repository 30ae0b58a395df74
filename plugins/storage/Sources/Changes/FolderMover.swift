import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore

/// Moves a batch of objects from one folder to another with their rows (`mv SRC/ DST/`): the
/// rows of the whole batch change in one statement (`CatalogWriter.relocate`) inside one
/// transaction.
struct FolderMover: Sendable {
    /// Objects per batch: one destination listing, one catalog read, one transaction, one delete.
    static let batchSize = 500

    let store: any ObjectStore
    let catalog: any CatalogStore
    let mapping: KeyMapping
    let actor: UUID?
    let overwrite: Bool
    let jobs: Int
    /// The active rows of the source and destination folders, read once per `mv` by prefix
    /// (`FolderRows`); keys outside them are looked up per batch.
    var known: [FolderRows] = []

    /// Moves (or with `dryRun` only checks) `objects`, reporting each as (key, target, status).
    func move(
        _ objects: [ObjectInfo], from: String, to: String, dryRun: Bool, allowDotSegments: Bool,
        done: (String, String, Result<String, any Error>) -> Void
    ) async {
        var moves: [MvCommand.FolderMove] = []
        for object in objects {
            let target = KeyMapping.canonicalKey(to + String(decoding: object.key.utf8.dropFirst(from.utf8.count), as: UTF8.self))
            if target.utf8.count > KeyMapping.maxKeyBytes {
                done(object.key, target, .failure(CommandError(.keyTooLong(target.utf8.count), status: .usage)))
            } else if !allowDotSegments && DotSegments.contains(target) {
                done(object.key, target, .failure(CommandError(.dotSegmentKey(target), hint: .dotSegmentKeyHint, status: .refused)))
            } else {
                moves.append(MvCommand.FolderMove(from: object.key, to: target, rows: [], replacedRows: [], destinationExisted: false))
            }
        }
        do {
            moves = try await survey(moves)
        } catch {
            for m in moves { done(m.from, m.to, .failure(error)) }
            return
        }
        var ready: [MvCommand.FolderMove] = []
        for m in moves {
            if (m.destinationExisted || !m.replacedRows.isEmpty) && !overwrite {
                done(m.from, m.to, .failure(CommandError(.keyExists(m.to), hint: .mvExistsHint, status: .refused)))
            } else if dryRun {
                done(m.from, m.to, .success(m.destinationExisted ? "would replace" : "would move"))
            } else {
                ready.append(m)
            }
        }
        guard !ready.isEmpty else { return }
        let copied = await copy(ready)
        var moved: [MvCommand.FolderMove] = []
        for (index, m) in ready.enumerated() {
            switch copied[index] {
            case .success: moved.append(m)
            case .failure(let error): done(m.from, m.to, .failure(error))
            case nil: done(m.from, m.to, .failure(CancellationError()))
            }
        }
        guard !moved.isEmpty else { return }
        if let failure = await updateRows(moved) {
            let left = await removeCopies(moved.filter { !$0.destinationExisted }.map(\.to))
            for m in moved {
                let error: any Error =
                    left.contains(m.to)
                    ? CommandError(.mvCopyLeft(m.to), hint: .orphanFix("rm --yes " + Format.word(m.to)), status: .failure)
                    : failure
                done(m.from, m.to, .failure(error))
            }
            return
        }
        let sources = moved.map(\.from)
        let kept = await Task { () -> Set<String> in
            do {
                return Set(try await store.delete(keys: sources).map(\.key))
            } catch {
                return Set(sources)
            }
        }.value
        for m in moved {
            if kept.contains(m.from) {
                done(m.from, m.to, .failure(CommandError(
                    .mvSourceLeft(m.from), hint: .orphanFix("rm --yes " + Format.word(m.from)), status: .partial)))
            } else {
                done(m.from, m.to, .success("moved"))
            }
        }
    }

    /// Destinations that exist (listing) and the active rows of every source and destination
    /// (from the folder reads, or one read of all their url forms).
    private func survey(_ moves: [MvCommand.FolderMove]) async throws -> [MvCommand.FolderMove] {
        guard !moves.isEmpty else { return [] }
        let existing = try await ExistingObjects.find(moves.map(\.to), in: store)
        // url bytes → (index, is destination)
        var owner: [[UInt8]: (Int, Bool)] = [:]
        var urls: [String] = []
        var out = moves
        var claimed = Set<UUID>()
        for (index, m) in moves.enumerated() {
            for (key, isDestination) in [(m.from, false), (m.to, true)] {
                if let folder = known.covering(key) {
                    // A url shared by two keys of the batch (NFC and NFD spellings) goes to the first, as below.
                    let found = folder.rows(for: key, mapping: mapping).filter { claimed.insert($0.id).inserted }
                    if isDestination { out[index].replacedRows += found } else { out[index].rows += found }
                    continue
                }
                for url in mapping.urlForms(for: key) where owner[Array(url.utf8)] == nil {
                    owner[Array(url.utf8)] = (index, isDestination)
                    urls.append(url)
                }
            }
        }
        let rows = urls.isEmpty ? [] : try await catalog.records(urls: urls)
        for row in rows where !row.isDeleted {
            guard let (index, isDestination) = owner[Array(row.url.utf8)] else { continue }
            if isDestination { out[index].replacedRows.append(row) } else { out[index].rows.append(row) }
        }
        for index in out.indices {
            out[index].destinationExisted = existing.contains(Array(KeyMapping.canonicalKey(out[index].to).utf8))
        }
        return out
    }

    /// Server-side copies, `jobs` at a time; the result of each by index (none: never started).
    private func copy(_ moves: [MvCommand.FolderMove]) async -> [Int: Result<Void, any Error>] {
        let store = self.store
        var results: [Int: Result<Void, any Error>] = [:]
        await ParallelRuns.run(count: moves.count, jobs: jobs) { index in
            try await store.copy(from: moves[index].from, to: moves[index].to)
        } done: { index, result in
            results[index] = result
        }
        return results
    }

    /// Points every moved row at its new key (nome follows when it was the file name) with one
    /// batched statement and soft-deletes the rows of replaced destinations, in one transaction;
    /// the error, if any.
    private func updateRows(_ moves: [MvCommand.FolderMove]) async -> (any Error)? {
        let mapping = self.mapping
        let actor = self.actor
        do {
            _ = try await catalog.withTransaction { writer in
                let replaced = moves.flatMap { $0.replacedRows.map(\.id) }
                if !replaced.isEmpty { _ = try await writer.softDelete(ids: replaced, actor: actor) }
                var relocations: [RowRelocation] = []
                for m in moves {
                    let oldName = Format.lastSegment(m.from)
                    let newName = Format.lastSegment(m.to)
                    for row in m.rows {
                        relocations.append(
                            RowRelocation(id: row.id, url: mapping.url(for: m.to), nome: row.nome == oldName ? newName : nil))
                    }
                }
                if !relocations.isEmpty { _ = try await writer.relocate(relocations, actor: actor) }
                return true
            }
            return nil
        } catch {
            return error
        }
    }

    /// Deletes copies whose rows could not be updated (even when cancelled); the keys left.
    private func removeCopies(_ keys: [String]) async -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let store = self.store
        return await Task { () -> Set<String> in
            do {
                return Set(try await store.delete(keys: keys).map(\.key))
            } catch {
                return Set(keys)
            }
        }.value
    }
}
